package dev.ironbox.core.pool;

import dev.ironbox.core.model.ContainerId;
import java.time.Instant;

/**
 * A started warm container waiting for its command.
 *
 * @param created when it was asked for (a workspace sweep after its run looks at what changed since)
 * @param deadlineNanos when its shim gives up, by {@link System#nanoTime()}: counted from before the create, so it
 *     is never later than the shim's own
 */
record WarmContainer(ContainerId id, PoolKey key, Instant created, long deadlineNanos) {

    /** Whether a hand-over begun now could still come too late (within {@code marginNanos} of the deadline). */
    boolean tooOld(long nowNanos, long marginNanos) {
        return nowNanos - (deadlineNanos - marginNanos) >= 0;
    }
}
