package dev.ironbox.podman;

import dev.ironbox.enginestreams.Timeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's daemon threads, for blocking calls that must not block the caller past its deadline: streams being
 * read and waits being waited. A blocked call cannot hold the JVM open; {@link #close()} stops handing out threads.
 */
final class Background implements AutoCloseable {

    private final ExecutorService threads;

    Background() {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ironbox-podman-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void run(Runnable task) {
        threads.execute(task);
    }

    /**
     * Runs {@code task} on a daemon thread and waits for it at most {@code timeout}. When the timeout passes or the
     * caller is interrupted, the task is interrupted and left to end by itself: a caller that can, closes the
     * connection the task blocks on.
     *
     * @return the task's result, or empty when the timeout passed first
     * @throws ExecutionException when the task threw
     * @throws InterruptedException when the caller was interrupted
     */
    <T> Optional<T> call(Callable<T> task, Duration timeout) throws ExecutionException, InterruptedException {
        Future<T> future = threads.submit(task);
        try {
            return Optional.ofNullable(future.get(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
