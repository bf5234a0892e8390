package dev.ironbox.docker;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts an exec whose standard input is fed from a stream: {@code POST /exec/{id}/start} on a socket of its own,
 * upgraded to a raw stream (like {@code docker exec -i}). A writer thread copies the input, then half-closes the
 * socket, which is how Docker learns to close the process's stdin; a reader thread demultiplexes the output.
 *
 * <p>Why not docker-java's {@code withStdIn}: its transports copy the input but never half-close the connection, so
 * the process never sees end-of-file (docker-java issues 471, 1448, 1684) and {@code cat} or {@code tar -x} hang.
 * Plain {@code unix://} and {@code tcp://} endpoints are supported; a TLS one is refused (TLS has no half-close).
 */
final class HijackedExecStart {

    private static final int COPY_BUFFER = 64 * 1024;
    /** A response head longer than this is not Docker's. */
    private static final int MAX_HEAD = 16 * 1024;

    private final URI endpoint;
    private final boolean tls;

    HijackedExecStart(URI endpoint, boolean tls) {
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /**
     * Starts exec {@code execId}, feeds it {@code stdin} and delivers its output to {@code sink} until the output ends
     * or {@code timeout} passes; then closes the socket (the process itself runs on).
     *
     * @return true when the output ended, false when the timeout passed first
     * @throws ContainerFailureException when the engine refuses the start, the connection fails, or the sink throws
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    boolean run(String execId, InputStream stdin, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        SocketChannel channel = connect();
        try {
            BufferedInputStream in = new BufferedInputStream(new ChannelInput(channel), COPY_BUFFER);
            writeFully(channel, ByteBuffer.wrap(request(execId)));
            readResponseHead(in, execId);
            Transfer transfer = new Transfer(channel, in, stdin, sink);
            transfer.start(execId);
            if (!transfer.ended.await(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS)) {
                return false;
            }
            Throwable failure = transfer.failure;
            if (failure != null) {
                throw new ContainerFailureException(failure instanceof InputFailure ? failure.getMessage()
                        : "exec " + execId + " failed: " + DockerErrors.reason(failure), failure);
            }
            return true;
        } catch (IOException e) {
            throw new ContainerFailureException("cannot start exec " + execId + " with input: "
                    + DockerErrors.reason(e), e);
        } finally {
            closeQuietly(channel); // ends both threads
        }
    }

    private SocketChannel connect() {
        String scheme = String.valueOf(endpoint.getScheme()).toLowerCase(Locale.ROOT);
        try {
            if (scheme.equals("unix")) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(endpoint.getPath()));
                return channel;
            }
            if (scheme.equals("tcp") && !tls) {
                return SocketChannel.open(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
            }
        } catch (IOException e) {
            throw new ContainerFailureException("cannot connect to the Docker engine at " + endpoint + ": "
                    + DockerErrors.reason(e), e);
        }
        throw new ContainerFailureException("cannot feed standard input to a command through " + endpoint
                + (tls ? " over TLS" : "") + ": only unix:// and plain tcp:// endpoints are supported");
    }

    static byte[] request(String execId) {
        String body = "{\"Detach\":false,\"Tty\":false}";
        String head = "POST /exec/" + execId + "/start HTTP/1.1\r\n"
                + "Host: docker\r\n"
                + "Content-Type: application/json\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: tcp\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Docker answers 101 (or 200 on old engines) and then streams; anything else is a refusal with a JSON body. */
    private static void readResponseHead(InputStream in, String execId) throws IOException {
        String head = readHead(in);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
        if (status == 101 || status == 200) {
            return;
        }
        byte[] body = in.readNBytes(MAX_HEAD);
        String answer = new String(body, StandardCharsets.UTF_8);
        // a stopped container answers 409 "Container ... is not running"
        throw new ContainerFailureException("cannot start exec " + execId + ": "
                + DockerErrors.bodyMessage(answer, "message", statusLine + " " + answer.strip()));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD) {
                throw new IOException("the engine closed the connection or sent no HTTP answer: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** The two threads of one exec: input in, output out. */
    private static final class Transfer {

        private final SocketChannel channel;
        private final InputStream output;
        private final InputStream stdin;
        private final Consumer<OutputChunk> sink;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Throwable failure;

        Transfer(SocketChannel channel, InputStream output, InputStream stdin, Consumer<OutputChunk> sink) {
            this.channel = channel;
            this.output = output;
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
                    writeFully(channel, ByteBuffer.wrap(buffer, 0, read));
                }
                channel.shutdownOutput(); // Docker closes the process's stdin: it sees end-of-file
            } catch (IOException e) {
                // the socket closed: the output ended or the caller gave up; both are handled by the reader
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
                Frames.demultiplex(output, sink);
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
            closeQuietly(channel);
        }

        private static Thread daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        }
    }

    /** The caller's input stream failed (not the socket). */
    private static final class InputFailure extends RuntimeException {
        InputFailure(Throwable cause) {
            super("cannot read the standard input to feed: " + DockerErrors.reason(cause), cause);
        }
    }

    /** Reads from the channel directly: {@code Channels.newInputStream} would lock out the concurrent writer. */
    private static final class ChannelInput extends InputStream {

        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
