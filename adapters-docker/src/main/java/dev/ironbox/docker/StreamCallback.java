package dev.ironbox.docker;

import com.github.dockerjava.api.async.ResultCallback;
import dev.ironbox.enginestreams.Timeouts;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A docker-java stream callback with the lifecycle Ironbox needs, used instead of {@code ResultCallbackTemplate}
 * because the template (a) forgets a {@link #close()} that comes before the response started, leaving the stream and
 * its connection open, and (b) logs every failure at ERROR. Here a close before {@link #onStart} closes the stream
 * as soon as it starts, {@link #await} propagates interruption, and closing is idempotent and never throws.
 *
 * <p>docker-java calls {@code onStart}, {@code onNext}, {@code onError} and {@code onComplete} on its own stream
 * thread; {@link #await} and {@link #close} may be called from any thread.
 */
abstract class StreamCallback<T> implements ResultCallback<T> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final Object lock = new Object();
    private Closeable stream; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile boolean finished; // written under lock
    private volatile Throwable failure; // written under lock

    @Override
    public final void onStart(Closeable started) {
        boolean closeNow;
        synchronized (lock) {
            closeNow = closed;
            if (!closed) {
                stream = started;
            }
        }
        if (closeNow) {
            closeQuietly(started);
        }
        this.started.countDown();
    }

    @Override
    public final void onError(Throwable error) {
        synchronized (lock) {
            // after our own close the stream fails: that is not the engine's error, and not an end
            if (!closed && !finished) {
                failure = error;
                finished = true;
            }
        }
        ended.countDown();
    }

    @Override
    public final void onComplete() {
        synchronized (lock) {
            if (!closed) {
                finished = true;
            }
        }
        ended.countDown();
    }

    /**
     * Waits until the stream ended by itself (completed or failed), at most {@code timeout}.
     *
     * @return false when the timeout passed first, or the callback was closed before the stream ended
     */
    final boolean await(Duration timeout) throws InterruptedException {
        return ended.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS) && finished;
    }

    /**
     * Waits until the engine answered the request and the stream is open (or it ended first), at most
     * {@code timeout}.
     *
     * @return false when the timeout passed first
     */
    final boolean awaitStarted(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.nanos(timeout);
        long deadline = System.nanoTime() + nanos;
        while (started.getCount() > 0 && ended.getCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            started.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** The error that ended the stream, if it did not complete normally. */
    final Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the stream and releases its connection. Idempotent; never throws. */
    @Override
    public final void close() {
        Closeable toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = stream;
            stream = null;
        }
        closeQuietly(toClose);
        ended.countDown();
        started.countDown();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
