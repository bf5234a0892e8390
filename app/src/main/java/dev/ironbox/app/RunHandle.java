package dev.ironbox.app;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A command running in the background, from {@link Ironbox#start}. Thread-safe.
 *
 * <p>{@link #cancel()} kills the command and removes its container (and its network and proxy lease, when it has
 * them), then returns; {@link #await()} then throws a {@link CancellationException}. A command that ends by itself
 * (including at its timeout, which is a value in its {@link RunResult}) completes the handle with its result; an
 * Ironbox failure completes it with that {@link IronboxException}.
 *
 * <p>Each handle runs on its own daemon thread, which ends with the run. {@link Ironbox#close()} cancels every handle
 * still running.
 */
public final class RunHandle {

    private static final AtomicLong THREADS = new AtomicLong();

    /** What runs on the handle's thread; throws InterruptedException when cancelled. */
    @FunctionalInterface
    interface Work {
        RunResult call() throws InterruptedException;
    }

    private final List<String> command;
    private final CompletableFuture<RunResult> outcome = new CompletableFuture<>();
    private final Thread worker;
    private volatile boolean cancelRequested;

    private RunHandle(List<String> command, Work work, Consumer<RunHandle> onEnd) {
        this.command = List.copyOf(command);
        this.worker = new Thread(() -> runToEnd(work, onEnd), "ironbox-run-" + THREADS.incrementAndGet());
        worker.setDaemon(true);
    }

    /** Starts {@code work} on a new thread; {@code onEnd} runs on that thread once the handle is complete. */
    static RunHandle start(List<String> command, Work work, Consumer<RunHandle> onEnd) {
        RunHandle handle = new RunHandle(command, work, onEnd);
        handle.worker.start();
        return handle;
    }

    private void runToEnd(Work work, Consumer<RunHandle> onEnd) {
        try {
            RunResult result = work.call();
            if (cancelRequested) {
                markCancelled(); // the run did end, but its caller had already given it up
            } else {
                outcome.complete(result);
            }
        } catch (InterruptedException e) {
            // the service removed everything before throwing; an interrupt here comes only from cancel()
            markCancelled();
        } catch (RuntimeException | Error e) {
            if (cancelRequested) {
                markCancelled();
            } else {
                outcome.completeExceptionally(e);
            }
        } finally {
            onEnd.accept(this);
        }
    }

    /** A CancellationException with a message: isCancelled() is true, and get() throws this very exception. */
    private void markCancelled() {
        outcome.completeExceptionally(new CancellationException("the run of " + command + " was cancelled"));
    }

    /** The command (argv) this handle runs. */
    public List<String> command() {
        return command;
    }

    /** Whether the run has ended: with a result, an error, or cancelled. */
    public boolean isDone() {
        return outcome.isDone();
    }

    /** Whether the run was cancelled. */
    public boolean isCancelled() {
        return outcome.isCancelled();
    }

    /**
     * Kills the command and removes its container, network and proxy lease, and returns once they are gone. Does
     * nothing when the run has already ended. Called from the run's own live output consumer, it returns at once and
     * the cleanup follows on the run's thread.
     *
     * @return true when this call (or an earlier one) cancelled the run; false when the run had already ended
     */
    public boolean cancel() {
        if (outcome.isDone()) {
            return outcome.isCancelled();
        }
        cancelRequested = true;
        worker.interrupt();
        if (Thread.currentThread() != worker) {
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the caller's interrupt is kept, but the cleanup still finishes first
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return outcome.isCancelled() || Thread.currentThread() == worker;
    }

    /**
     * Waits for the run's end.
     *
     * @return the command's result (a non-zero exit, a timeout or an OOM kill are values in it)
     * @throws CancellationException when the run was cancelled
     * @throws IronboxException when Ironbox or the engine failed (the error the run threw)
     * @throws InterruptedException when this (waiting) thread is interrupted; the run goes on
     */
    public RunResult await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /**
     * As {@link #await()}, waiting at most {@code timeout}.
     *
     * @throws TimeoutException when the run has not ended by then; it goes on (see {@link #cancel()})
     * @throws InterruptedException when this (waiting) thread is interrupted; the run goes on
     */
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /**
     * The run's outcome as a new future, for composition: it completes as {@link #await()} returns or throws (a
     * cancelled run: {@link CompletableFuture#isCancelled()}). Cancelling it cancels the run, as {@link #cancel()};
     * completing it by hand changes only that future, never the run or other callers' futures.
     */
    public CompletableFuture<RunResult> result() {
        CompletableFuture<RunResult> view = new CancellingView();
        outcome.whenComplete((result, error) -> {
            if (error == null) {
                view.complete(result);
            } else {
                view.completeExceptionally(error);
            }
        });
        return view;
    }

    private static RuntimeException rethrow(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("the run failed", cause); // not reached: work throws nothing checked
    }

    @Override
    public String toString() {
        return "RunHandle" + command + (isCancelled() ? " cancelled" : isDone() ? " done" : " running");
    }

    /** A copy of the outcome whose {@code cancel} cancels the run; completing it by hand affects only the copy. */
    private final class CancellingView extends CompletableFuture<RunResult> {

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return RunHandle.this.cancel();
        }
    }
}
