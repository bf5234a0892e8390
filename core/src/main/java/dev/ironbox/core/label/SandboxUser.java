package dev.ironbox.core.label;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uid and gid every sandbox runs as, chosen so that it is nobody on the host unless it is deliberately the caller.
 *
 * <ul>
 *   <li>Ironbox runs as a user other than root: the sandbox runs as that user's own uid and gid (as Podman's
 *       {@code keep-id} does). It is the caller on purpose: the files it writes in a workspace stay the caller's, the
 *       caller's project stays writable for it, and it gains nothing the caller does not already have. (A caller
 *       whose primary group is root's gets group {@value #DEDICATED_ID} in the sandbox instead.)</li>
 *   <li>Ironbox runs as root: the sandbox runs as {@value #DEDICATED_ID}:{@value #DEDICATED_ID}, an id that no
 *       account of a usual host has (below {@code nobody}'s 65534 and far above the accounts' range), so its processes
 *       and files belong to nobody, and it can read no user's private files. Never root: a sandbox gets no uid 0.</li>
 * </ul>
 *
 * <p>The caller is read from {@code /proc/self/status} (the effective ids: the ones the files Ironbox itself writes
 * get). Where that cannot be read (not Linux), the dedicated id is used.
 */
public final class SandboxUser {

    /** The id of a sandbox started by root: no host account, never 0. */
    public static final int DEDICATED_ID = 65533;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxUser.class);
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final SandboxUser CURRENT = choose(callerIds(STATUS));

    private final int uid;
    private final int gid;
    private final boolean caller;

    private SandboxUser(int uid, int gid, boolean caller) {
        this.uid = uid;
        this.gid = gid;
        this.caller = caller;
    }

    /** The sandbox user of this process: the same for every sandbox it starts. */
    public static SandboxUser current() {
        return CURRENT;
    }

    /** @param caller the effective uid and gid Ironbox runs as, when known */
    static SandboxUser choose(Optional<int[]> caller) {
        // A caller whose primary group is root's still gets no group 0 in the sandbox.
        return caller.filter(ids -> ids[0] != 0)
                .map(ids -> new SandboxUser(ids[0], ids[1] == 0 ? DEDICATED_ID : ids[1], true))
                .orElseGet(() -> new SandboxUser(DEDICATED_ID, DEDICATED_ID, false));
    }

    /** The effective uid and gid in a {@code /proc/PID/status} file: the second field of its Uid and Gid lines. */
    static Optional<int[]> callerIds(Path status) {
        try {
            return parseStatus(Files.readAllLines(status));
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {} ({}); sandboxes run as {}", status, e.getMessage(), DEDICATED_ID);
            return Optional.empty();
        }
    }

    static Optional<int[]> parseStatus(List<String> lines) {
        Integer uid = null;
        Integer gid = null;
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3 && fields[0].equals("Uid:")) {
                uid = Integer.parseInt(fields[2]);
            } else if (fields.length >= 3 && fields[0].equals("Gid:")) {
                gid = Integer.parseInt(fields[2]);
            }
        }
        return uid == null || gid == null ? Optional.empty() : Optional.of(new int[] {uid, gid});
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** Whether this is the caller's own id (Ironbox runs as a user other than root), not the dedicated one. */
    public boolean isCaller() {
        return caller;
    }

    /** {@code uid:gid}, as engines take a container's user. */
    public String spec() {
        return uid + ":" + gid;
    }

    @Override
    public String toString() {
        return spec();
    }
}
