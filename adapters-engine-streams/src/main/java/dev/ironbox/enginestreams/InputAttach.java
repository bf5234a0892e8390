package dev.ironbox.enginestreams;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An attach to a container's stdin, stdout and stderr over one {@link UpgradedConnection} (Docker's and Podman's
 * alike): once the engine answered the upgrade it streams the output, so the input is written then, and the output is
 * demultiplexed ({@link FrameDemultiplexer}) until the engine ends the stream, which it does when the container stops.
 * A pooled sandbox's hand-over (a running shim reads one line, then runs it), or a cold run's input (the container is
 * started after the attach: the engine takes the input as the command reads it).
 *
 * <p>The input is written on a task of its own, while another reads the output (a command that writes while it reads,
 * such as {@code cat}, must not stall on output nobody reads), and the connection is then half-closed: the engine
 * closes the container's standard input (Docker's {@code StdinOnce}, Podman's attach) and the command reads
 * end-of-file. A write that fails is not an error of the attach once the engine answered: the command ended without
 * reading all its input; the output and the exit status tell. Chunks reach the sink on the reading task's thread, in
 * order per stream. {@link #close()} may come from any thread at any time: a close before the engine answered closes
 * the connection as soon as it comes.
 */
public final class InputAttach implements AutoCloseable {

    /** Opens the attach's upgraded connection, or throws the engine's refusal. */
    @FunctionalInterface
    public interface Opener {
        UpgradedConnection open() throws IOException;
    }

    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch written = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object lock = new Object();
    private UpgradedConnection connection; // guarded by lock
    private boolean closed; // guarded by lock
    private volatile boolean finished; // written under lock
    private volatile boolean answered;
    private volatile boolean inputWritten;
    private volatile Throwable failure; // written under lock

    private InputAttach() {}

    /**
     * Starts attaching on {@code executor}: {@code opener} opens the connection, {@code input} is written to it, then
     * its output goes to {@code sink} until it ends. Wait for the input with {@link #awaitWritten}.
     */
    public static InputAttach start(Executor executor, Opener opener, byte[] input, Consumer<OutputChunk> sink) {
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(sink, "sink");
        byte[] bytes = input.clone();
        InputAttach attach = new InputAttach();
        executor.execute(() -> attach.run(executor, opener, bytes, sink));
        return attach;
    }

    private void run(Executor executor, Opener opener, byte[] input, Consumer<OutputChunk> sink) {
        try {
            UpgradedConnection open = opener.open();
            synchronized (lock) {
                if (closed) {
                    open.close();
                    return;
                }
                connection = open;
            }
            answered = true;
            opened.countDown();
            executor.execute(() -> write(open, input));
            FrameDemultiplexer.demultiplex(open.output(), sink);
            end(null);
        } catch (IOException | RuntimeException | Error e) {
            end(e);
        } finally {
            release(false);
        }
    }

    /** Writes the input, then half-closes: the command reads end-of-file after it. */
    private void write(UpgradedConnection open, byte[] input) {
        try {
            open.input().write(input); // straight to the socket: nothing is buffered here
            inputWritten = true;
            written.countDown();
            open.closeInput();
        } catch (IOException | RuntimeException e) {
            // the command ended without reading it all, or the attach was closed: the reading task sees the end
        } finally {
            written.countDown();
        }
    }

    private void end(Throwable error) {
        synchronized (lock) {
            // after the caller's close the stream fails: that is neither the engine's error nor an end
            if (!closed && !finished) {
                failure = error;
                finished = true;
            }
        }
    }

    /**
     * Waits until the input was written to the connection, or attaching failed first, at most {@code timeout}.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        return awaitUnlessEnded(written, timeout);
    }

    /**
     * Waits until the engine answered the attach (it streams the output now), or attaching failed first, at most
     * {@code timeout}.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitOpened(Duration timeout) throws InterruptedException {
        return awaitUnlessEnded(opened, timeout);
    }

    private boolean awaitUnlessEnded(CountDownLatch latch, Duration timeout) throws InterruptedException {
        long deadline = Timeouts.deadline(timeout);
        while (latch.getCount() > 0 && ended.getCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            latch.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Whether the whole input was written. */
    public boolean inputWritten() {
        return inputWritten;
    }

    /**
     * Waits until the output ended (the engine closed the stream) or attaching failed, at most {@code timeout}.
     *
     * @return false when the timeout passed first, or the attach was closed before the output ended
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS) && finished;
    }

    /** What ended the attach, when it did not end cleanly (the engine's refusal, a broken connection, the sink). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the attach and releases the connection (the container's stdin closes with it). Idempotent; never throws. */
    @Override
    public void close() {
        release(true);
    }

    private void release(boolean byCaller) {
        UpgradedConnection toClose;
        synchronized (lock) {
            if (byCaller && !finished) {
                closed = true;
            }
            toClose = connection;
            connection = null;
        }
        if (toClose != null) {
            toClose.close();
        }
        opened.countDown();
        written.countDown();
        ended.countDown();
    }

    /**
     * How one engine words an attach's failures: an interrupt while waiting for the engine, a refusal (the failure, or
     * null when the attach was closed first), and a stream that broke after the input was written.
     */
    public record Errors(Function<InterruptedException, RuntimeException> interrupted,
            Function<Throwable, RuntimeException> refused, Function<Throwable, RuntimeException> broken) {}

    /**
     * Waits at most {@code timeout} until the engine accepted the attach and the input is written, then gives this
     * attach as a port's log follow. On any failure the attach is closed and the engine's error thrown; an interrupt
     * is kept.
     *
     * @throws ContainerFailureException when the engine did not accept within {@code timeout}
     */
    public LogFollow accepted(ContainerId id, Duration timeout, Errors errors) {
        return awaited(id, timeout, errors, true);
    }

    /**
     * As {@link #accepted}, for a container that was created but not yet started (a cold run's input): waits only
     * until the engine answered the attach, since the command reads the input only once the caller started it; the
     * input is written meanwhile, as the command reads it.
     *
     * @throws ContainerFailureException when the engine did not answer within {@code timeout}
     */
    public LogFollow acceptedBeforeStart(ContainerId id, Duration timeout, Errors errors) {
        return awaited(id, timeout, errors, false);
    }

    private LogFollow awaited(ContainerId id, Duration timeout, Errors errors, boolean inputFirst) {
        try {
            if (!(inputFirst ? awaitWritten(timeout) : awaitOpened(timeout))) {
                close();
                throw new ContainerFailureException("cannot attach to container " + id
                        + ": the engine did not accept the attach within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw errors.interrupted().apply(e);
        }
        if (!(inputFirst ? inputWritten() : answered)) {
            close();
            throw errors.refused().apply(failure().orElse(null));
        }
        return asFollow(errors.broken());
    }

    /**
     * This attach as a port's log follow: {@link LogFollow#awaitEnd} reports a broken stream as {@code broken} makes
     * it, so lost output is never mistaken for its end.
     */
    private LogFollow asFollow(Function<Throwable, RuntimeException> broken) {
        return new LogFollow() {
            @Override
            public boolean awaitEnd(Duration timeout) throws InterruptedException {
                if (!InputAttach.this.awaitEnd(timeout)) {
                    return false;
                }
                Optional<Throwable> failed = failure();
                if (failed.isPresent()) {
                    throw broken.apply(failed.get());
                }
                return true;
            }

            @Override
            public void close() {
                InputAttach.this.close();
            }
        };
    }
}
