package dev.ironbox.core.service;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
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
 * write, on every regular file and directory the sandbox created or changed. What it changed is what has a change
 * time ({@code ctime}) since it started, less {@link #SLACK}: a sandbox can set a file's modification time but never
 * its change time, so nothing it touched looks older. A caller's file it did not touch keeps its mode.
 *
 * <p>The walk never follows a link and never leaves the workspace: each directory is held open and everything is
 * done relative to it ({@link PinnedDirectory}). With the sandbox stopped ({@code live} false) nothing can change
 * meanwhile. While it may still run (after a session's exec), a file's mode is read and changed through an open of
 * that very file, so a swap cannot turn the change onto another file or add a bit; a file that cannot be opened so
 * (being run, or not readable and writable by Ironbox) is left for the sweep when the session stops. A running
 * sandbox can set bits again after a sweep: only the sweep after it stopped is final.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries and {@link #MAX_DEPTH} levels; past either, a warning names what
 * was not looked at.
 */
final class WorkspaceSweep {

    /** Allowance for clocks: the kernel stamps change times from a coarse clock that may lag a little. */
    static final Duration SLACK = Duration.ofSeconds(1);
    static final int MAX_ENTRIES = 1_000_000;
    static final int MAX_DEPTH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSweep.class);
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SET_ID = 06000;
    private static final int STICKY = 01000;
    private static final int GROUP_OTHER_WRITE = 0022;

    /**
     * What a sweep did.
     *
     * @param entries entries looked at
     * @param cleared entries whose mode was changed
     * @param missed entries that needed a change and did not get it (see the log)
     * @param complete false when a bound stopped it or a directory could not be opened
     */
    record Report(long entries, long cleared, long missed, boolean complete) {}

    private final Instant setIdSince;
    private final Instant writeSince;
    private final boolean live;
    private long entries;
    private long cleared;
    private long missed;
    private boolean complete = true;

    private WorkspaceSweep(Instant setIdSince, Instant writeSince, boolean live) {
        this.setIdSince = setIdSince.minus(SLACK);
        this.writeSince = writeSince.minus(SLACK);
        this.live = live;
    }

    /**
     * Sweeps {@code workspace}, a real path (as mounted). Never throws: what it could not do is logged.
     *
     * @param setIdSince set-id bits are cleared on what changed since then
     * @param writeSince group/other write and a file's sticky bit are cleared on what changed since then (a session's
     *     exec: since it started, so the caller's own changes meanwhile keep their mode; never before
     *     {@code setIdSince})
     * @param live whether a sandbox may still run with the workspace mounted
     */
    static Report sweep(Path workspace, Instant setIdSince, Instant writeSince, boolean live) {
        WorkspaceSweep sweep = new WorkspaceSweep(setIdSince, writeSince, live);
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
     * The workspace of a session, from its labels, when its policy lets the sandbox write it. Sessions started
     * before the label existed have none (nothing to sweep by).
     */
    static Optional<Path> ofSession(Map<String, String> labels) {
        String workspace = labels.get(HardenedSpecs.WORKSPACE_LABEL);
        if (workspace == null || !SessionLabels.policy(labels).workspaceWritable()) {
            return Optional.empty();
        }
        Path path = Path.of(workspace);
        return path.isAbsolute() && path.getNameCount() > 0 ? Optional.of(path) : Optional.empty();
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
            Map<String, Object> attributes = directory.unixAttributes(name, "mode,ctime");
            int mode = (Integer) attributes.get("mode");
            if ((mode & TYPE) == DIRECTORY) {
                if (depth >= MAX_DEPTH) {
                    LOG.warn("not sweeping below {}: deeper than {} levels", shown, MAX_DEPTH);
                    complete = false;
                    return null;
                }
                PinnedDirectory child = directory.child(name);
                fixDirectory(child);
                return child;
            }
            if ((mode & TYPE) == REGULAR && needsFix(mode, (FileTime) attributes.get("ctime"))) {
                fixFile(directory, name, mode, shown);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep {}: {}", shown, e.getMessage());
            complete = false;
        }
        return null;
    }

    /** A directory is changed through its own open descriptor: its mode read there is current. */
    private void fixDirectory(PinnedDirectory directory) throws IOException {
        Map<String, Object> attributes = directory.ownUnixAttributes("mode,ctime");
        int mode = (Integer) attributes.get("mode");
        if (needsFix(mode, (FileTime) attributes.get("ctime"))) {
            directory.setPermissions(SafeExtraction.permissions(cleared(mode)));
            cleared++;
        }
    }

    private void fixFile(PinnedDirectory directory, String name, int mode, Path shown) {
        try {
            if (!live) {
                directory.setPermissionsWhileNothingRuns(name, SafeExtraction.permissions(cleared(mode)));
                cleared++;
            } else if (directory.changeFileMode(name, key(directory, name), WorkspaceSweep::cleared)) {
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

    private static Object key(PinnedDirectory directory, String name) throws IOException {
        return directory.attributes(name).fileKey();
    }

    private boolean needsFix(int mode, FileTime ctime) {
        Instant changed = ctime.toInstant();
        boolean directory = (mode & TYPE) == DIRECTORY;
        int loose = GROUP_OTHER_WRITE | (directory ? 0 : STICKY);
        return (mode & SET_ID) != 0 && !changed.isBefore(setIdSince)
                || (mode & loose) != 0 && !changed.isBefore(writeSince);
    }

    /** The mode without set-id, sticky, group and other write: rwx bits that stay are kept as they were. */
    static int cleared(int mode) {
        return mode & 0755;
    }
}
