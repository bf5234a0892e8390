package dev.ironbox.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A step done at most once, by whichever caller comes first; a caller that comes while it runs waits for its end
 * and gets its outcome. Why waiting: a run releasing what it made and {@code close} releasing the same thing race
 * (close refuses the run, or kills its container); a close that merely skipped a release already begun returned
 * while the lease was still open and the network still there (a flaky
 * {@code closeRemovesTheContainerThenTheNetworkOfARunStillGoing}, and a network left behind when the JVM exits right
 * after a close from its shutdown hook). Thread-safe.
 */
public final class Once<T> {

    private final AtomicReference<CompletableFuture<T>> outcome = new AtomicReference<>();

    /**
     * Runs {@code step} unless it ran or runs already; returns once it has ended, whoever ran it. A waiting caller
     * waits through interrupts (its interrupt is kept for afterwards), as the step itself does.
     *
     * @return what the step returned
     * @throws RuntimeException (or Error) what the step threw, to every caller
     */
    public T call(Supplier<T> step) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> running = outcome.compareAndExchange(null, mine);
        if (running == null) {
            try {
                T result = step.get();
                mine.complete(result);
                return result;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return running.join(); // not interruptible: an interrupt stays set for the caller
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** As {@link #call}, for a step without result. */
    public void run(Runnable step) {
        call(() -> {
            step.run();
            return null;
        });
    }
}
