package dev.ironbox.core.concurrent;

import dev.ironbox.core.error.ContainerFailureException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(Uninterruptibly.class);
    private static final AtomicLong COUNT = new AtomicLong();
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Shielded(task);
        thread.setDaemon(true);
        return thread;
    });

    private Uninterruptibly() {}

    /**
     * How long a caller, once interrupted, still waits for its step: an engine that accepts requests but never answers
     * must not hold a cancel, a close or a Ctrl-C forever. Generous: a loaded engine takes seconds to create.
     */
    public static final Duration ABANDON_AFTER = Duration.ofSeconds(60);

    /**
     * Runs {@code step} to its end on a thread its caller's interrupts do not reach; an interrupt of the caller meanwhile
     * is kept and restored when this returns or throws. An interrupted caller waits at most {@link #ABANDON_AFTER}.
     *
     * @return what {@code step} returned
     * @throws RuntimeException (or Error) what {@code step} threw; a {@link ContainerFailureException} when the caller
     *     was interrupted and the step had not ended {@link #ABANDON_AFTER} later (what it makes then stays until
     *     {@code ironbox cleanup} or the engine's own removal: use {@link #call(Supplier, Consumer)} to undo it)
     */
    public static <T> T call(Supplier<T> step) {
        return call(step, made -> LOG.warn("a step abandoned after an interrupt ended later and made {}", made));
    }

    /**
     * As {@link #call(Supplier)}; when the caller gave up waiting, {@code lateUndo} receives what the step makes once
     * it ends (on the step's thread; failures are logged).
     */
    public static <T> T call(Supplier<T> step, Consumer<T> lateUndo) {
        return call(step, lateUndo, ABANDON_AFTER);
    }

    static <T> T call(Supplier<T> step, Consumer<T> lateUndo, Duration abandonAfter) {
        if (Thread.currentThread() instanceof Shielded) {
            return step.get();
        }
        CompletableFuture<T> future = CompletableFuture.supplyAsync(step, THREADS);
        boolean interrupted = false;
        long abandonAt = 0;
        try {
            while (true) {
                try {
                    if (!interrupted) {
                        return future.get();
                    }
                    return future.get(Math.max(0, abandonAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    if (!interrupted) { // the step goes on: what it makes must be known to be undone
                        interrupted = true;
                        abandonAt = System.nanoTime() + abandonAfter.toNanos();
                    }
                } catch (TimeoutException e) {
                    future.thenAccept(made -> undoLate(lateUndo, made));
                    throw new ContainerFailureException("the engine did not answer within " + abandonAfter.toSeconds()
                            + " s of the interrupt; Ironbox stopped waiting (what the request makes later is removed"
                            + " when it ends)");
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause() instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> void undoLate(Consumer<T> lateUndo, T made) {
        try {
            lateUndo.accept(made);
        } catch (RuntimeException e) {
            LOG.warn("could not undo what a step abandoned after an interrupt made ({}): {}", made, e.getMessage(), e);
        }
    }

    /** As {@link #call}, for a step without result. */
    public static void run(Runnable step) {
        call(() -> {
            step.run();
            return null;
        });
    }

    /**
     * Waits for {@code thread} to end, through interrupts: a copy's pipe thread must be gone before its streams are
     * closed. An interrupt that came meanwhile is kept for the caller.
     */
    public static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
