package dev.ironbox.docker;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.enginestreams.FrameDemultiplexer;
import dev.ironbox.enginestreams.Timeouts;
import dev.ironbox.enginestreams.UpgradeRefusedException;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts an exec whose standard input is fed from a stream: {@code POST /exec/{id}/start} on a connection of its own,
 * upgraded to a raw stream (like {@code docker exec -i}; {@link UpgradedConnection}, shared with the Podman adapter).
 * A writer thread copies the input, then half-closes the connection, which is how Docker learns to close the
 * process's stdin; a reader thread demultiplexes the output.
 *
 * <p>Why not docker-java's {@code withStdIn}: its transports copy the input but never half-close the connection, so
 * the process never sees end-of-file (docker-java issues 471, 1448, 1684) and {@code cat} or {@code tar -x} hang.
 * Plain {@code unix://} and {@code tcp://} endpoints are supported; a TLS one is refused (TLS has no half-close).
 */
final class HijackedExecStart {

    private static final int COPY_BUFFER = 64 * 1024;
    private static final byte[] START_BODY = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.US_ASCII);

    private final URI endpoint;
    private final boolean tls;

    HijackedExecStart(URI endpoint, boolean tls) {
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /**
     * Starts exec {@code execId}, feeds it {@code stdin} and delivers its output to {@code sink}. The connection stays
     * open until the returned handle is closed: the caller kills a command still running at its deadline or on
     * interrupt BEFORE closing it, since closing tells Docker to close the process's stdin (a command reading a
     * cut-off input would see end-of-file and act on it).
     *
     * @throws ContainerFailureException when the engine refuses the start or the connection fails
     */
    Started start(String execId, InputStream stdin, Consumer<OutputChunk> sink) {
        UpgradedConnection connection = open(execId);
        Transfer transfer = new Transfer(connection, stdin, sink);
        transfer.start(execId);
        return new Started(execId, transfer);
    }

    /** A started exec with input; closing it closes the connection, which ends both threads. */
    static final class Started implements AutoCloseable {

        private final String execId;
        private final Transfer transfer;

        private Started(String execId, Transfer transfer) {
            this.execId = execId;
            this.transfer = transfer;
        }

        /**
         * @return true when the output ended (or the transfer failed) within {@code timeout}
         * @throws InterruptedException when the calling thread is interrupted while waiting
         */
        boolean await(Duration timeout) throws InterruptedException {
            return transfer.ended.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS);
        }

        /** @throws ContainerFailureException when the connection, the input or the sink failed */
        void requireNoFailure() {
            Throwable failure = transfer.failure;
            if (failure != null) {
                throw new ContainerFailureException(failure instanceof InputFailure ? failure.getMessage()
                        : "exec " + execId + " failed: " + DockerErrors.reason(failure), failure);
            }
        }

        @Override
        public void close() {
            transfer.connection.close();
        }
    }

    /** Docker answers 101 (or 200 on old engines) and then streams; anything else is a refusal with a JSON body. */
    private UpgradedConnection open(String execId) {
        SocketAddress address = address();
        try {
            return UpgradedConnection.open(address, "docker", "/exec/" + execId + "/start", START_BODY);
        } catch (UpgradeRefusedException refused) {
            String answer = new String(refused.body(), StandardCharsets.UTF_8);
            // a stopped container answers 409 "Container ... is not running"
            throw new ContainerFailureException("cannot start exec " + execId + ": "
                    + DockerErrors.bodyMessage(answer, "message", refused.getMessage() + " " + answer.strip()),
                    refused);
        } catch (IOException e) {
            throw new ContainerFailureException("cannot start exec " + execId + " with input through " + endpoint
                    + ": " + DockerErrors.reason(e), e);
        }
    }

    private SocketAddress address() {
        return address(endpoint, tls);
    }

    /**
     * The engine's socket for a connection of Ironbox's own ({@link UpgradedConnection}).
     *
     * @throws ContainerFailureException for a TLS endpoint or one that is neither {@code unix://} nor {@code tcp://}
     */
    static SocketAddress address(URI endpoint, boolean tls) {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("unix")) {
            return UnixDomainSocketAddress.of(endpoint.getPath());
        }
        if (scheme.equals("tcp") && !tls) {
            return new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        }
        throw new ContainerFailureException("cannot feed standard input to a command through " + endpoint
                + (tls ? " over TLS" : "") + ": only unix:// and plain tcp:// endpoints are supported");
    }

    static byte[] request(String execId) {
        return UpgradedConnection.request("docker", "/exec/" + execId + "/start", START_BODY);
    }

    /** The two threads of one exec: input in, output out. */
    private static final class Transfer {

        private final UpgradedConnection connection;
        private final InputStream stdin;
        private final Consumer<OutputChunk> sink;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Throwable failure;

        Transfer(UpgradedConnection connection, InputStream stdin, Consumer<OutputChunk> sink) {
            this.connection = connection;
            this.stdin = stdin;
            this.sink = sink;
        }

        void start(String execId) {
            daemon("ironbox-exec-input-" + execId, this::feed).start();
            daemon("ironbox-exec-output-" + execId, this::drain).start();
        }

        private void feed() {
            byte[] buffer = new byte[COPY_BUFFER];
            try {
                int read;
                while ((read = readInput(buffer)) >= 0) {
                    connection.input().write(buffer, 0, read);
                }
                connection.closeInput(); // Docker closes the process's stdin: it sees end-of-file
            } catch (IOException e) {
                // the connection closed: the output ended or the caller gave up; both are handled by the reader
            } catch (InputFailure e) {
                fail(e);
            }
        }

        private int readInput(byte[] buffer) {
            try {
                return stdin.read(buffer);
            } catch (IOException | RuntimeException e) {
                throw new InputFailure(e);
            }
        }

        private void drain() {
            try {
                FrameDemultiplexer.demultiplex(connection.output(), sink);
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
                return;
            }
            ended.countDown();
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            ended.countDown();
            connection.close();
        }

        private static Thread daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        }
    }

    /** The caller's input stream failed (not the connection). */
    private static final class InputFailure extends RuntimeException {
        InputFailure(Throwable cause) {
            super("cannot read the standard input to feed: " + DockerErrors.reason(cause), cause);
        }
    }
}
