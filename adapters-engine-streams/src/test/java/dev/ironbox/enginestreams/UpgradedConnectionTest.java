package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upgraded connection over plain TCP (Docker's {@code tcp://} endpoints) against a fake engine; the Podman
 * adapter's tests drive it over a unix socket. A connection that never half-closed would leave the fake waiting for
 * end-of-file: the timeout turns that into a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UpgradedConnectionTest {

    private interface Engine {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    @Test
    void halfClosingEndsTheInputWhileTheOutputStillArrives() throws Exception {
        try (ServerSocket server = listen()) {
            CompletableFuture<String> request = serve(server, (in, out) -> {
                readHead(in);
                in.readNBytes(2); // the body, {}
                out.write(("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                long received = in.transferTo(OutputStream.nullOutputStream()); // to end-of-file
                out.write(("received " + received).getBytes(StandardCharsets.US_ASCII));
            });
            try (UpgradedConnection connection = UpgradedConnection.open(server.getLocalSocketAddress(), "docker",
                    "/exec/x/start", "{}".getBytes(StandardCharsets.UTF_8))) {
                byte[] input = new byte[1 << 20];
                connection.input().write(input);
                connection.closeInput();
                assertThat(new String(connection.output().readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("received " + input.length);
            }
            request.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRequestAsksForAnUpgradeAndCarriesItsBody() {
        String request = new String(UpgradedConnection.request("d", "/v4.0.0/libpod/p",
                "{}".getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("POST /v4.0.0/libpod/p HTTP/1.1\r\nHost: d\r\n")
                .contains("Connection: Upgrade\r\n", "Upgrade: tcp\r\n", "Content-Length: 2\r\n")
                .endsWith("\r\n\r\n{}");
    }

    @Test
    void anErrorAnswerIsRefusedWithItsStatusHeadersAndBody() throws Exception {
        String body = "{\"message\":\"Container abc is not running\"}";
        try (ServerSocket server = listen()) {
            serve(server, (in, out) -> {
                readHead(in);
                out.write(("HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body + "trailing").getBytes(StandardCharsets.US_ASCII));
            });
            assertThatThrownBy(() -> UpgradedConnection.open(server.getLocalSocketAddress(), "docker", "/exec/x/start",
                    new byte[0]))
                    .isInstanceOfSatisfying(UpgradeRefusedException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.header("content-type")).contains("application/json");
                        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo(body);
                    });
        }
    }

    @Test
    void anAnswerThatIsNotHttpOrNoAnswerIsABrokenConnection() throws Exception {
        try (ServerSocket server = listen()) {
            serve(server, (in, out) -> {
                readHead(in);
                out.write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
            assertThatThrownBy(() -> UpgradedConnection.open(server.getLocalSocketAddress(), "d", "/p", new byte[0]))
                    .isInstanceOf(IOException.class).isNotInstanceOf(UpgradeRefusedException.class)
                    .hasMessageStartingWith("not an HTTP answer");
        }
        try (ServerSocket server = listen()) {
            serve(server, (in, out) -> readHead(in));
            assertThatThrownBy(() -> UpgradedConnection.open(server.getLocalSocketAddress(), "d", "/p", new byte[0]))
                    .isInstanceOf(IOException.class).hasMessageContaining("closed the connection before answering");
        }
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static CompletableFuture<String> serve(ServerSocket server, Engine engine) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                engine.serve(socket.getInputStream(), socket.getOutputStream());
                return "served";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
