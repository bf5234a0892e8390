package dev.ironbox.core.workspace;

import dev.ironbox.core.host.FileModes;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.host.OpenFiles;
import dev.ironbox.core.host.PinnedDirectory;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.SandboxPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a sandbox could write a workspace: clears set-uid and set-gid bits (a file the sandbox made
 * {@code -rwsr-sr-x} would run as its owner for anyone on the host), the sticky bit of files, and group and other
 * write, on what the sandbox made or changed there; {@link SweepRule} says which entries and bits. Regular files and
 * directories only: a link's mode means nothing, and fifos and sockets run nothing.
 *
 * <p>The walk never follows a link and never leaves the workspace: each directory is held open and everything is
 * done relative to it ({@link PinnedDirectory}); a directory's mode is changed through its open descriptor. With the
 * sandbox stopped ({@code live} false) nothing can change meanwhile. While it may still run (after a session's
 * exec), a file's mode is read and changed through an open of that very file, so a swap cannot turn the change onto
 * another file or add a bit; a file that cannot be opened so (being run, or not readable and writable by Ironbox) is
 * left for the sweep when the session stops. A running sandbox can set bits again after a sweep: only the sweep
 * after it stopped is final.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries and {@link #MAX_DEPTH} levels; past either, a warning names what
 * was not looked at.
 */
public final class WorkspaceSweep {

    static final int MAX_ENTRIES = 1_000_000;
    static final int MAX_DEPTH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSweep.class);

    /**
     * What a sweep did.
     *
     * @param entries entries looked at
     * @param cleared entries whose mode was changed
     * @param missed entries that needed a change and did not get it (see the log)
     * @param complete false when a bound stopped it or a directory could not be opened
     */
    record Report(long entries, long cleared, long missed, boolean complete) {}

    private final SweepRule rule;
    private final boolean live;
    private long entries;
    private long cleared;
    private long missed;
    private boolean complete = true;

    private WorkspaceSweep(SweepRule rule, boolean live) {
        this.rule = rule;
        this.live = live;
    }

    /**
     * Sweeps {@code workspace}, a real path (as mounted). Never throws: what it could not do is logged.
     *
     * @param live whether a sandbox may still run with the workspace mounted
     */
    public static Report sweep(Path workspace, SweepRule rule, boolean live) {
        WorkspaceSweep sweep = new WorkspaceSweep(rule, live);
        try (PinnedDirectory root = PinnedDirectory.open(workspace)) {
            sweep.walk(root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep workspace {} for set-id and world-writable files: {}", workspace,
                    e.getMessage());
            sweep.complete = false;
        }
        Report report = new Report(sweep.entries, sweep.cleared, sweep.missed, sweep.complete);
        LOG.debug("swept workspace {}: {}", workspace, report);
        return report;
    }

    /**
     * After a run: what the sandbox left in the workspace must not run as its owner for anyone on the host. Sweeps
     * when the run's policy let the sandbox write it; as {@code live} when its container could not be removed.
     */
    public static void afterRun(SandboxPolicy policy, Path workspace, Instant started, boolean containerGone) {
        if (policy.workspaceWritable()) {
            sweep(workspace, SweepRule.since(SandboxUser.current().uid(), started), !containerGone);
        }
    }

    /**
     * The workspace of a session, from its labels, when its policy lets the sandbox write it. Sessions started
     * before the label existed have none (nothing to sweep by).
     */
    public static Optional<Path> ofSession(Map<String, String> labels) {
        String workspace = labels.get(HardenedSpecs.WORKSPACE_LABEL);
        if (workspace == null || !SessionLabels.policy(labels).workspaceWritable()) {
            return Optional.empty();
        }
        Path path = Path.of(workspace);
        return path.isAbsolute() && path.getNameCount() > 0 ? Optional.of(path) : Optional.empty();
    }

    /** The uid a session runs as, from its labels; this process's sandbox user for one that has no such label. */
    public static int sessionUid(Map<String, String> labels) {
        String user = labels.getOrDefault(HardenedSpecs.USER_LABEL, "");
        try {
            return Integer.parseInt(user.substring(0, user.indexOf(':')));
        } catch (RuntimeException e) {
            return SandboxUser.current().uid();
        }
    }

    private record Level(PinnedDirectory directory, Iterator<String> names) {}

    private void walk(PinnedDirectory root) throws IOException {
        fixDirectory(root);
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(root, root.names().iterator()));
        try {
            while (!levels.isEmpty()) {
                Level level = levels.peek();
                if (!level.names().hasNext()) {
                    levels.pop();
                    if (level.directory() != root) {
                        level.directory().close();
                    }
                    continue;
                }
                if (++entries > MAX_ENTRIES) {
                    LOG.warn("stopped sweeping workspace {} after {} entries: what lies beyond keeps its mode, "
                            + "set-id bits too", root.path(), MAX_ENTRIES);
                    complete = false;
                    return;
                }
                PinnedDirectory child = visit(level.directory(), level.names().next(), levels.size());
                if (child != null) {
                    levels.push(new Level(child, child.names().iterator()));
                }
            }
        } finally {
            for (Level level : levels) {
                if (level.directory() != root) {
                    level.directory().close();
                }
            }
        }
    }

    /** Fixes one entry; returns it opened when it is a directory to walk into. */
    private PinnedDirectory visit(PinnedDirectory directory, String name, int depth) {
        Path shown = directory.path().resolve(name);
        try {
            Map<String, Object> attributes = directory.unixAttributes(name, "mode,uid,ctime");
            int mode = (Integer) attributes.get("mode");
            if ((mode & SweepRule.TYPE) == SweepRule.DIRECTORY) {
                if (depth >= MAX_DEPTH) {
                    LOG.warn("not sweeping below {}: deeper than {} levels", shown, MAX_DEPTH);
                    complete = false;
                    return null;
                }
                PinnedDirectory child = directory.child(name);
                fixDirectory(child);
                return child;
            }
            if ((mode & SweepRule.TYPE) == SweepRule.REGULAR && cleared(attributes) != (mode & 07777)) {
                fixFile(directory, name, attributes, shown);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep {}: {}", shown, e.getMessage());
            complete = false;
        }
        return null;
    }

    /** A directory is changed through its own open descriptor, from its mode read there: current, not swapped. */
    private void fixDirectory(PinnedDirectory directory) throws IOException {
        Map<String, Object> attributes = directory.ownUnixAttributes("mode,uid,ctime");
        int mode = cleared(attributes);
        if (mode != ((Integer) attributes.get("mode") & 07777)) {
            directory.setOwnMode(mode);
            cleared++;
        }
    }

    private void fixFile(PinnedDirectory directory, String name, Map<String, Object> seen, Path shown) {
        try {
            if (!live) {
                directory.setPermissionsWhileNothingRuns(name, FileModes.permissions(cleared(seen)));
                cleared++;
            } else if (OpenFiles.changeMode(directory, name, directory.attributes(name).fileKey(),
                    // the file's current mode, its owner and change time as seen: never adds a bit
                    current -> cleared(Map.of("mode", current, "uid", seen.get("uid"), "ctime", seen.get("ctime"))))) {
                cleared++;
            } else {
                throw new IOException("it was replaced meanwhile");
            }
        } catch (IOException e) {
            missed++;
            LOG.warn("could not clear the set-id or group/other write bits of {} ({}); {}", shown, e.getMessage(),
                    live ? "the sweep when the session stops tries again" : "clear them by hand");
        }
    }

    private int cleared(Map<String, Object> attributes) {
        return rule.cleared((Integer) attributes.get("mode"), (Integer) attributes.get("uid"),
                ((FileTime) attributes.get("ctime")).toInstant());
    }
}
