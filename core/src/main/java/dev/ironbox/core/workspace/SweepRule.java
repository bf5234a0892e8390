package dev.ironbox.core.workspace;

import dev.ironbox.core.label.SandboxUser;
import java.time.Duration;
import java.time.Instant;

/**
 * Which mode bits a {@link WorkspaceSweep} clears on one entry of a workspace, and so which entries it touches: only
 * what the sandbox made or changed, never a caller's file it did not touch.
 *
 * <ul>
 *   <li>A sandbox with the dedicated id ({@link SandboxUser}, Ironbox runs as root): what it made is exactly what
 *       that id owns (no host account has it, and without capabilities the sandbox can change the mode of nothing
 *       else). Owned by it: set-uid, set-gid, sticky, group and other write go, whenever it was made.</li>
 *   <li>A sandbox running as the caller: its files are the caller's, so what it changed is told by the change time
 *       ({@code ctime}), which a sandbox cannot set back (it can set the modification time), since it started, less
 *       {@link #SLACK}. A regular file loses set-id, sticky, group and other write. A directory loses other write
 *       only: its change time also moves whenever an entry in it is added or removed, so it cannot tell the
 *       sandbox's chmod from the sandbox's work in the caller's directory; the caller's group write and set-gid
 *       (group sharing) stay, and neither lets anyone run anything as the caller.</li>
 * </ul>
 *
 * @param sandboxUid the uid the sandbox ran as
 * @param setIdSince set-id bits count from here (a session: its start)
 * @param writeSince group/other write count from here (a session's exec: its start, so the caller's own changes
 *     between execs keep their mode)
 */
public record SweepRule(int sandboxUid, Instant setIdSince, Instant writeSince) {

    /** Allowance for clocks: the kernel stamps change times from a coarse clock that may lag a little. */
    static final Duration SLACK = Duration.ofSeconds(1);

    static final int TYPE = 0170000;
    static final int DIRECTORY = 0040000;
    static final int REGULAR = 0100000;

    /** A run, or a session's end: everything since it started. */
    public static SweepRule since(int sandboxUid, Instant started) {
        return new SweepRule(sandboxUid, started, started);
    }

    /** Whether what the sandbox made is told by its owner rather than by change times. */
    boolean byOwner() {
        return sandboxUid == SandboxUser.DEDICATED_ID;
    }

    /**
     * @param mode the entry's mode, its type included
     * @param uid its owner
     * @param changed its change time
     * @return the mode it gets (the type bits dropped); {@code mode & 07777} when it is left as it is
     */
    int cleared(int mode, int uid, Instant changed) {
        int bits = mode & 07777;
        boolean directory = (mode & TYPE) == DIRECTORY;
        if (byOwner()) {
            return uid == sandboxUid ? bits & 0755 : bits;
        }
        if (directory) {
            return since(changed, writeSince) ? bits & ~0002 : bits;
        }
        boolean clearSetId = (bits & 06000) != 0 && since(changed, setIdSince);
        boolean clearWrite = (bits & 01022) != 0 && since(changed, writeSince);
        return clearSetId || clearWrite ? bits & 0755 : bits;
    }

    private static boolean since(Instant changed, Instant start) {
        return !changed.isBefore(start.minus(SLACK));
    }
}
