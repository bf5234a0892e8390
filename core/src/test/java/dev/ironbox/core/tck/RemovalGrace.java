package dev.ironbox.core.tck;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A finished run's container (and network) is removed in the background, a moment after its result returns: the
 * leak checks after a test give those removals {@link #SECONDS} s to end before they look (as
 * {@link SandboxContractFixture} does for a backstop's removal). What is still there then is a leak.
 */
final class RemovalGrace {

    static final int SECONDS = 10;

    private RemovalGrace() {}

    /** Waits until {@code left} lists nothing, at most {@link #SECONDS} s; returns what it lists then. */
    static <T> List<T> awaitNone(Supplier<List<T>> left) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<T> found = left.get();
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = left.get();
        }
        return found;
    }
}
