package dev.ironbox.core.pool;

import dev.ironbox.core.model.ContainerId;
import java.time.Instant;

/**
 * A started warm container waiting for its command.
 *
 * @param name its name on the engine, known before it exists
 *
 * @param created when it was asked for (a workspace sweep after its run looks at what changed since)
 * @param readyNanos from when it may be claimed, by {@link System#nanoTime()}: a moment after its start, so a shim
 *     without {@code read -t} has armed its timer ({@link WarmShim})
 * @param deadlineNanos when its shim gives up, by {@link System#nanoTime()}: counted from before the create, so it
 *     is never later than the shim's own
 */
record WarmContainer(ContainerId id, String name, PoolKey key, Instant created, long readyNanos, long deadlineNanos) {

    /** How long after its start a container may be claimed. */
    static final long SETTLE_NANOS = 250_000_000L;

    /** Whether a claim now may take it. */
    boolean claimable(long nowNanos, long marginNanos) {
        return nowNanos - readyNanos >= 0 && !tooOld(nowNanos, marginNanos);
    }

    /** Whether a hand-over begun now could still come too late (within {@code marginNanos} of the deadline). */
    boolean tooOld(long nowNanos, long marginNanos) {
        return nowNanos - (deadlineNanos - marginNanos) >= 0;
    }
}
