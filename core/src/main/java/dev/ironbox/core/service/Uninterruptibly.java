package dev.ironbox.core.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a step that must complete whatever interrupts its caller: the creation of something the engine keeps (a
 * container, a network, a proxy listener) and every undo of it.
 *
 * <p>Why another thread: an interrupt closes the interruptible channel its thread is blocked on, so an engine request
 * in flight is aborted on Ironbox's side while the engine finishes it anyway, and Ironbox never learns what was made
 * (a container left in {@code Created}, a network, an anchor pod). Clearing the interrupt first is not enough, since
 * the next interrupt (a second cancel, a close) may land during the request. So the step runs on a daemon thread no
 * caller interrupts, the caller waits for its end (remembering an interrupt), and gets the interrupt back afterwards:
 * it then sees what was made and undoes it. Nested calls (an undo inside a creation) run inline. Thread-safe.
 */
public final class Uninterruptibly {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Shielded(task);
        thread.setDaemon(true);
        return thread;
    });

    private Uninterruptibly() {}

    /**
     * Runs {@code step} to its end on a thread its caller's interrupts do not reach; an interrupt of the caller meanwhile
     * is kept and restored when this returns or throws.
     *
     * @return what {@code step} returned
     * @throws RuntimeException (or Error) what {@code step} threw
     */
    public static <T> T call(Supplier<T> step) {
        if (Thread.currentThread() instanceof Shielded) {
            return step.get();
        }
        Future<T> future = THREADS.submit(step::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the step goes on: what it makes must be known to be undone
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** As {@link #call}, for a step without result. */
    public static void run(Runnable step) {
        call(() -> {
            step.run();
            return null;
        });
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            runtime.addSuppressed(new CalledFrom());
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause); // not reached: a Supplier throws nothing checked
    }

    /** Where the step was called from: its own stack trace shows only the shielded thread. */
    private static final class CalledFrom extends Exception {
        CalledFrom() {
            super("called from " + Thread.currentThread().getName());
        }
    }

    /** A thread of this pool: nothing in Ironbox interrupts it. */
    private static final class Shielded extends Thread {
        Shielded(Runnable task) {
            super(task, "ironbox-shielded-" + COUNT.incrementAndGet());
        }
    }
}
