package dev.ironbox.core.run;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a run or a pooled sandbox is done with off the caller's critical path: a queue served by
 * {@link #THREADS} daemon threads (an engine removes slowly — Docker's removal of a stopped container takes tens of
 * milliseconds — and a caller who has its result need not wait for it). Every removal still happens: a failed one is
 * logged and left to {@link Leftovers}, which the service retries on its next run and on close; the owner's close
 * {@linkplain #awaitIdle waits} for the queue. Thread-safe.
 */
public final class Removals {

    private static final Logger LOG = LoggerFactory.getLogger(Removals.class);
    /** Two: removals are engine round trips, mostly waiting; two keep up with runs without loading the engine. */
    public static final int THREADS = 2;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ContainerRuntime runtime;
    private final Leftovers leftovers;
    private final Executor executor;
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();

    /** Removals on this service's own {@link #THREADS} daemon threads (idle ones end after a while). */
    public Removals(ContainerRuntime runtime, Leftovers leftovers) {
        this(runtime, leftovers, threads());
    }

    /** Removals on {@code executor} ({@code Runnable::run} removes inline, as tests may want). */
    public Removals(ContainerRuntime runtime, Leftovers leftovers, Executor executor) {
        this.runtime = runtime;
        this.leftovers = leftovers;
        this.executor = executor;
    }

    private static Executor threads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "ironbox-removal-" + COUNT.incrementAndGet());
                    thread.setDaemon(true); // close() waits for the queue; a JVM exiting without close is not held
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Removes container {@code id} in the background, then runs {@code afterwards} (e.g. removing its network, which
     * cannot go before it), whether or not the removal succeeded. A failed removal is logged and left to
     * {@link Leftovers}.
     *
     * @return completes once both are done; never completes exceptionally
     */
    public CompletableFuture<Void> removeLater(ContainerId id, Runnable afterwards) {
        return later(() -> {
            try {
                Uninterruptibly.run(() -> runtime.lifecycle().remove(id));
            } catch (RuntimeException e) {
                leftovers.add(id);
                LOG.error("could not remove container {}; this service retries on its next run, session start and"
                        + " close, else remove it with the engine (docker rm -f / podman rm -f); it carries the label"
                        + " dev.ironbox.managed=true", id, e);
            } finally {
                afterwards.run();
            }
        });
    }

    /**
     * Runs {@code removal} in the background, after those queued before it. It should log its own failures; what it
     * throws is logged here.
     *
     * @return completes once it is done; never completes exceptionally
     */
    public CompletableFuture<Void> later(Runnable removal) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        try {
            executor.execute(() -> {
                try {
                    removal.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("a background removal failed", e);
                } finally {
                    pending.remove(done);
                    done.complete(null);
                }
            });
        } catch (RuntimeException rejected) { // an executor that refuses: remove on the caller's thread
            pending.remove(done);
            LOG.debug("background removal refused ({}); removing now", rejected.toString());
            removal.run();
            done.complete(null);
        }
        return done;
    }

    /** How many removals are queued or running. */
    public int pending() {
        return pending.size();
    }

    /**
     * Waits until no removal is queued or running, at most {@code timeout}; an interrupt meanwhile is kept for
     * afterwards and does not shorten the wait (a close must not leave removals behind because of one).
     *
     * @return whether none is left
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<CompletableFuture<Void>> waiting = List.copyOf(pending);
            if (waiting.isEmpty()) {
                return true;
            }
            if (!await(CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)),
                    Duration.ofNanos(deadline - System.nanoTime()))) {
                return pending.isEmpty();
            }
        }
    }

    /**
     * Waits for {@code done} at most {@code timeout}, through interrupts (kept for afterwards).
     *
     * @return whether it completed
     */
    public static boolean await(CompletableFuture<?> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return true;
                } catch (TimeoutException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
