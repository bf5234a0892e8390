package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attach with input against a fake engine over TCP: the input goes in whole, then end-of-file, the output comes
 * out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InputAttachTest {

    private static final byte[] LINE = "printf out; exit 7\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theInputIsWrittenOnceTheEngineStreamsAndTheOutputIsDemultiplexedToItsEnd() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<String> engine = serve(server, (in, out, socket) -> {
                readHead(in);
                out.write(upgraded());
                String line = new String(in.readNBytes(LINE.length), StandardCharsets.US_ASCII);
                out.write(frame(1, "out"));
                out.write(frame(2, "err"));
                out.write(frame(1, "last words"));
                socket.setSoTimeout(5000); // the input is half-closed after the line: end-of-file
                try {
                    return line + "then " + in.read();
                } catch (SocketTimeoutException e) {
                    return line + "then still open";
                }
            });
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            try (InputAttach attach = InputAttach.start(InputAttachTest::daemon, () -> open(server), LINE,
                    chunks::add)) {
                assertThat(attach.awaitWritten(Duration.ofSeconds(10))).isTrue();
                assertThat(attach.inputWritten()).isTrue();
                assertThat(engine.get(10, TimeUnit.SECONDS)).isEqualTo("printf out; exit 7\nthen -1");
                assertThat(attach.awaitEnd(Duration.ofSeconds(10))).isTrue();
                assertThat(attach.failure()).isEmpty();
                attach.close();
                attach.close(); // idempotent
            }
            assertThat(text(chunks, StreamType.STDOUT)).isEqualTo("outlast words");
            assertThat(text(chunks, StreamType.STDERR)).isEqualTo("err");
        }
    }

    @Test
    void beforeTheStartTheAttachIsAcceptedOnceTheEngineAnswersAndTheInputFlowsAsTheCommandReadsIt() throws Exception {
        byte[] input = new byte[32 << 20]; // far more than the sockets' buffers hold while nothing reads
        java.util.Arrays.fill(input, (byte) 'i');
        CountDownLatch started = new CountDownLatch(1);
        try (ServerSocket server = listen()) {
            CompletableFuture<String> engine = serve(server, (in, out, socket) -> {
                readHead(in);
                out.write(upgraded());
                out.flush();
                try {
                    started.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                String read = "read " + in.readAllBytes().length; // to the half-close
                out.write(frame(1, read));
                return read;
            });
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            try (InputAttach attach = InputAttach.start(InputAttachTest::daemon, () -> open(server), input,
                    chunks::add)) {
                dev.ironbox.core.port.out.LogCollectionPort.LogFollow follow = attach.acceptedBeforeStart(
                        new dev.ironbox.core.model.ContainerId("c"), Duration.ofSeconds(10), new InputAttach.Errors(
                                IllegalStateException::new, IllegalStateException::new, IllegalStateException::new));
                assertThat(attach.inputWritten()).as("accepted before the input could all be written").isFalse();
                started.countDown(); // the caller starts the container: the command reads
                assertThat(follow.awaitEnd(Duration.ofSeconds(20))).isTrue();
                assertThat(engine.get(10, TimeUnit.SECONDS)).isEqualTo("read " + input.length);
                assertThat(attach.inputWritten()).isTrue();
            }
            assertThat(text(chunks, StreamType.STDOUT)).isEqualTo("read " + input.length);
        }
    }

    @Test
    void aRefusalEndsTheAttachWithTheEnginesAnswerAndNothingIsWritten() throws Exception {
        try (ServerSocket server = listen()) {
            String body = "{\"message\":\"No such container: gone\"}";
            serve(server, (in, out, socket) -> {
                readHead(in);
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                return "refused";
            });
            try (InputAttach attach = InputAttach.start(InputAttachTest::daemon, () -> open(server), LINE,
                    chunk -> {})) {
                assertThat(attach.awaitWritten(Duration.ofSeconds(10))).isTrue();
                assertThat(attach.inputWritten()).isFalse();
                assertThat(attach.failure()).get().isInstanceOfSatisfying(UpgradeRefusedException.class,
                        refused -> assertThat(refused.status()).isEqualTo(404));
            }
        }
    }

    @Test
    void closingBeforeTheEndReleasesTheConnectionAndIsNoEnd() throws Exception {
        CountDownLatch inputEnded = new CountDownLatch(1);
        CountDownLatch closedByClient = new CountDownLatch(1);
        try (ServerSocket server = listen()) {
            serve(server, (in, out, socket) -> {
                readHead(in);
                out.write(upgraded());
                in.readNBytes(LINE.length);
                int next = in.read(); // -1: the client half-closes after its input
                inputEnded.countDown();
                // the command still runs (its output open) until the client goes away
                try {
                    closedByClient.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "read " + next;
            });
            InputAttach attach = InputAttach.start(InputAttachTest::daemon, () -> open(server), LINE, chunk -> {});
            assertThat(attach.awaitWritten(Duration.ofSeconds(10))).isTrue();
            assertThat(inputEnded.await(10, TimeUnit.SECONDS)).isTrue();
            attach.close();
            closedByClient.countDown();
            assertThat(attach.awaitEnd(Duration.ofSeconds(1))).isFalse();
            assertThat(attach.failure()).isEmpty();
            attach.close();
        }
    }

    @Test
    void anInterruptWhileTheEngineHasNotAnsweredSurfacesAndTheCloseStaysNoEnd() throws Exception {
        try (ServerSocket server = listen()) {
            CountDownLatch requested = new CountDownLatch(1);
            serve(server, (in, out, socket) -> {
                readHead(in);
                requested.countDown();
                return "read " + in.read(); // never answers; ends when the client goes away or the test does
            });
            InputAttach attach = InputAttach.start(InputAttachTest::daemon, () -> open(server), LINE, chunk -> {});
            assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> attach.awaitWritten(Duration.ofSeconds(10)))
                    .isInstanceOf(InterruptedException.class);
            attach.close();
            assertThat(attach.awaitEnd(Duration.ofSeconds(1))).isFalse();
            assertThat(attach.inputWritten()).isFalse();
        }
    }

    private interface Engine {
        String serve(InputStream in, OutputStream out, Socket socket) throws IOException;
    }

    private static UpgradedConnection open(ServerSocket server) throws IOException {
        return UpgradedConnection.open(server.getLocalSocketAddress(), "docker", "/containers/c/attach", new byte[0]);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "input-attach-test");
        thread.setDaemon(true);
        thread.start();
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static CompletableFuture<String> serve(ServerSocket server, Engine engine) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                return engine.serve(socket.getInputStream(), socket.getOutputStream(), socket);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] upgraded() {
        return "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] frame(int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[8 + bytes.length];
        frame[0] = (byte) stream;
        frame[7] = (byte) bytes.length;
        System.arraycopy(bytes, 0, frame, 8, bytes.length);
        return frame;
    }

    private static String text(List<OutputChunk> chunks, StreamType stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        chunks.stream().filter(c -> c.stream() == stream).forEach(c -> bytes.writeBytes(c.bytes()));
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
        }
    }
}
