package dev.ironbox.podman;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.enginestreams.FrameDemultiplexer;
import dev.ironbox.enginestreams.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Opens a multiplexed output stream on a daemon thread and delivers it to a sink until it ends. The caller waits for
 * the engine's answer ({@link #awaitStarted}) and for the end ({@link #awaitEnd}) with its own deadlines, and may
 * {@link #close()} at any time from any thread: a close before the answer closes the stream as soon as it comes.
 * Chunks reach the sink on the pump's thread, in order.
 */
final class StreamPump implements AutoCloseable {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object lock = new Object();
    private LibpodStream stream; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile boolean finished; // written under lock
    private volatile Throwable failure; // written under lock

    /** Starts pumping: {@code opener} opens the stream (or throws the engine's refusal); chunks go to {@code sink}. */
    static StreamPump start(Background background, Supplier<LibpodStream> opener, Consumer<OutputChunk> sink) {
        StreamPump pump = new StreamPump();
        background.run(() -> pump.run(opener, new FrameDemultiplexer(sink)));
        return pump;
    }

    private void run(Supplier<LibpodStream> opener, FrameDemultiplexer demultiplexer) {
        try {
            LibpodStream opened = opener.get();
            synchronized (lock) {
                if (closed) {
                    opened.close();
                    return;
                }
                stream = opened;
            }
            started.countDown();
            demultiplexer.pump(opened.body());
            end(null);
        } catch (IOException | RuntimeException e) {
            end(e);
        } finally {
            close(false);
        }
    }

    private void end(Throwable error) {
        synchronized (lock) {
            // after our own close the stream fails: that is neither the engine's error nor an end
            if (!closed && !finished) {
                failure = error;
                finished = true;
            }
        }
    }

    /** @return false when {@code timeout} passed before the engine answered (or the stream ended, or was closed) */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = Timeouts.deadline(timeout);
        while (started.getCount() > 0 && ended.getCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            started.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** @return false when {@code timeout} passed first, or the pump was closed before the stream ended */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS) && finished;
    }

    /** What ended the stream, when it did not end cleanly. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops pumping and releases the connection. Idempotent; never throws. */
    @Override
    public void close() {
        close(true);
    }

    private void close(boolean byCaller) {
        LibpodStream toClose;
        synchronized (lock) {
            if (byCaller && !finished) {
                closed = true;
            }
            toClose = stream;
            stream = null;
        }
        if (toClose != null) {
            toClose.close();
        }
        started.countDown();
        ended.countDown();
    }
}
