package dev.ironbox.core.pool;

import java.util.ArrayDeque;
import java.util.Deque;

/** One key's warm containers (oldest first), the refills under way, and its last demand. Guarded by the pool. */
final class KeySlot {

    final Deque<WarmContainer> warm = new ArrayDeque<>();
    int pending;
    /** Whether a container of this key was seen waiting once (its image has a working {@code sh}). */
    volatile boolean proven;
    /** The last run or prewarm that asked for this key, by {@link System#nanoTime()}. */
    long lastDemandNanos;

    KeySlot(long nowNanos) {
        this.lastDemandNanos = nowNanos;
    }
}
