package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgraded exec connection (the shared {@link UpgradedConnection}, opened as libpod's) against a fake service that plays Podman's side of the hijack. A connection that never
 * half-closed would leave the service waiting for end-of-file: the timeout turns that into a failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HijackTest {

    private static final String UPGRADED = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream"
            + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void theInputReachesTheServiceAndHalfClosingEndsItWhileTheOutputStillArrives() throws IOException {
        // like Podman: reads the input to end-of-file, then answers how many bytes came, then closes
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
                    String head = FakeUnixServer.readRequest(connection);
                    readBytes(connection, contentLength(head));
                    FakeUnixServer.write(connection, UPGRADED);
                    long received = drain(connection);
                    FakeUnixServer.write(connection, "received " + received);
                });
                UpgradedConnection hijacked = Hijack.open(dir.resolve("podman.sock"), "/exec/x/start",
                        "{\"Detach\":false}".getBytes(StandardCharsets.UTF_8))) {
            byte[] input = new byte[3 << 20];
            hijacked.input().write(input);
            hijacked.closeInput();
            assertThat(new String(hijacked.output().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("received " + input.length);
        }
    }

    @Test
    void theRequestAsksForAnUpgradeAndCarriesItsBody() throws IOException {
        StringBuilder seen = new StringBuilder();
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
                    String head = FakeUnixServer.readRequest(connection);
                    seen.append(head).append(new String(readBytes(connection, contentLength(head)),
                            StandardCharsets.UTF_8));
                    FakeUnixServer.write(connection, "HTTP/1.1 200 OK\r\nContent-Type: x\r\n\r\nout");
                });
                UpgradedConnection hijacked = Hijack.open(dir.resolve("podman.sock"), "/v4.0.0/libpod/p",
                        "{}".getBytes(StandardCharsets.UTF_8))) {
            assertThat(new String(hijacked.output().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("out");
        }
        assertThat(seen.toString()).startsWith("POST /v4.0.0/libpod/p HTTP/1.1\r\n")
                .contains("Connection: Upgrade\r\n", "Upgrade: tcp\r\n", "Content-Length: 2\r\n")
                .endsWith("\r\n\r\n{}");
    }

    @Test
    void anErrorAnswerKeepsTheEnginesMessage() throws IOException {
        String body = "{\"cause\":\"no such exec session\",\"message\":\"exec session x not found\",\"response\":404}";
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
            FakeUnixServer.readRequest(connection);
            FakeUnixServer.write(connection, FakeUnixServer.answer(404, "Content-Type: application/json\r\n", body));
        })) {
            assertThatThrownBy(() -> Hijack.open(dir.resolve("podman.sock"), "/exec/x/start",
                    new byte[0]))
                    .isInstanceOf(LibpodException.class)
                    .hasMessage("exec session x not found (no such exec session)")
                    .satisfies(e -> assertThat(((LibpodException) e).isNotFound()).isTrue());
        }
    }

    @Test
    void aServiceThatClosesWithoutAnsweringIsABrokenConnection() throws IOException {
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"),
                (connection, index) -> FakeUnixServer.readRequest(connection))) {
            assertThatThrownBy(() -> Hijack.open(dir.resolve("podman.sock"), "/exec/x/start",
                    new byte[0]))
                    .isInstanceOf(LibpodException.class)
                    .hasMessageContaining("broke")
                    .hasMessageContaining("closed the connection before answering");
        }
    }

    @Test
    void noServiceIsABrokenConnection() {
        assertThatThrownBy(() -> Hijack.open(dir.resolve("absent.sock"), "/exec/x/start", new byte[0]))
                .isInstanceOf(LibpodException.class)
                .hasMessageContaining("unix://" + dir.resolve("absent.sock"));
    }

    private static int contentLength(String head) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
    }

    private static byte[] readBytes(SocketChannel connection, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining() && connection.read(buffer) >= 0) {
            // until all of it came
        }
        return buffer.array();
    }

    private static long drain(SocketChannel connection) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        for (int n = connection.read(buffer); n >= 0; n = connection.read(buffer)) {
            total += n;
            buffer.clear();
        }
        return total;
    }
}
