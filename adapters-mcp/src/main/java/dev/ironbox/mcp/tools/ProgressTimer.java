package dev.ironbox.mcp.tools;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a held chunk of progress is sent: its coalescing window ends on a timer, not at the next chunk (which may come
 * minutes later, or never). One call's timer: its one daemon thread starts at the first held chunk only (a call whose
 * chunks are far apart never starts it) and is gone when {@link #close()} returns.
 */
interface ProgressTimer extends AutoCloseable {

    /** Runs {@code flush} once, about {@code delayNanos} from now, unless the timer is closed first. */
    void schedule(Runnable flush, long delayNanos);

    /** Cancels what is scheduled; once it returns, nothing scheduled runs and no thread of the timer is alive. */
    @Override
    void close();

    /** A timer on a thread of its own, started when first needed. */
    static ProgressTimer daemon() {
        return new Daemon();
    }

    /** The production timer: a single-thread scheduler whose thread is joined on close. */
    final class Daemon implements ProgressTimer {

        private static final AtomicLong THREADS = new AtomicLong();

        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private ScheduledExecutorService scheduler;
        private boolean closed;

        @Override
        public synchronized void schedule(Runnable flush, long delayNanos) {
            if (closed) {
                return;
            }
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "ironbox-mcp-progress-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    threads.add(thread);
                    return thread;
                });
            }
            scheduler.schedule(flush, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                if (scheduler != null) {
                    scheduler.shutdownNow();
                }
            }
            // joined, not just terminated: the thread outlives the executor's TERMINATED state by a moment
            boolean interrupted = Thread.interrupted(); // a cancelled call closes its timer too
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
