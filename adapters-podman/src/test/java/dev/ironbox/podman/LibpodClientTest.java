package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a fake service that, like a restarted or socket-activated Podman that exits when idle, answers
 * one request per connection and then closes it.
 */
class LibpodClientTest {

    private static final String PODMAN = "Libpod-API-Version: 4.3.1\r\n";

    @TempDir
    Path dir;

    private FakeUnixServer oneAnswerPerConnection(int status, String body) throws IOException {
        return new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
            FakeUnixServer.readRequest(connection);
            FakeUnixServer.write(connection, FakeUnixServer.answer(status, PODMAN, body));
        });
    }

    @Test
    void aConnectionThatDiesWithoutAnAnswerIsRetriedOnceForAnIdempotentCall() throws IOException {
        // the second connection reads the request and closes unanswered, as a service exiting when idle does
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
                    FakeUnixServer.readRequest(connection);
                    if (index != 1) {
                        FakeUnixServer.write(connection, FakeUnixServer.answer(200, PODMAN, "{\"Id\":\"abc\"}"));
                    }
                });
                LibpodClient client = LibpodClient.open(server.uri())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/containers/abc/json", Libpod.Container.class).id()).isEqualTo("abc");
            }
            assertThat(server.connections()).isEqualTo(4);
        }
    }

    @Test
    void aCallThatCreatesSomethingWorksAfterTheServiceClosedTheLastConnection() throws IOException {
        // each call has a connection of its own: none goes out on the one the service closed after answering (a
        // restarted or socket-activated service), which failed the call ("Broken pipe") when it came from the pool
        try (FakeUnixServer server = oneAnswerPerConnection(201, "{\"Id\":\"abc\"}");
                LibpodClient client = LibpodClient.open(server.uri())) {
            assertThat(client.call(Method.POST, "/containers/create", "{}", false).status()).isEqualTo(201);
            assertThat(client.call(Method.POST, "/containers/create", "{}", false).status()).isEqualTo(201);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aCallThatCreatesSomethingIsNeverRetried() throws IOException {
        // the second connection reads the request and closes unanswered: the engine may have created it
        try (FakeUnixServer server = new FakeUnixServer(dir.resolve("podman.sock"), (connection, index) -> {
                    FakeUnixServer.readRequest(connection);
                    if (index != 1) {
                        FakeUnixServer.write(connection, FakeUnixServer.answer(201, PODMAN, "{\"Id\":\"abc\"}"));
                    }
                });
                LibpodClient client = LibpodClient.open(server.uri())) {
            assertThat(client.call(Method.POST, "/containers/create", "{}", false).status()).isEqualTo(201);
            assertThatThrownBy(() -> client.call(Method.POST, "/containers/create", "{}", false))
                    .isInstanceOf(LibpodException.class)
                    .satisfies(e -> assertThat(((LibpodException) e).status()).isZero());
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void anErrorKeepsTheEnginesMessageAndCause() throws IOException {
        String body = "{\"cause\":\"no such container\",\"message\":\"no container with name or ID \\\"x\\\" found: "
                + "no such container\",\"response\":404}";
        try (FakeUnixServer server = oneAnswerPerConnection(404, body);
                LibpodClient client = LibpodClient.open(server.uri())) {
            assertThatThrownBy(() -> client.get("/containers/x/json", Libpod.Container.class))
                    .isInstanceOf(LibpodException.class)
                    .hasMessage("no container with name or ID \"x\" found: no such container")
                    .satisfies(e -> {
                        LibpodException error = (LibpodException) e;
                        assertThat(error.isNotFound()).isTrue();
                        assertThat(error.engineCause()).isEqualTo("no such container");
                    });
        }
    }

    @Test
    void pingReadsTheLibpodApiVersion() throws IOException {
        try (FakeUnixServer server = oneAnswerPerConnection(200, "OK");
                LibpodClient client = LibpodClient.open(server.uri())) {
            assertThat(client.ping()).isEqualTo("4.3.1");
        }
    }

    @Test
    void pathsKeepImageNamesAndQueriesAreEncoded() {
        assertThat(LibpodClient.path("localhost/ironbox/busybox:1")).isEqualTo("localhost/ironbox/busybox:1");
        assertThat(LibpodClient.path("a b?c#d")).isEqualTo("a%20b%3Fc%23d");
        assertThat(LibpodClient.query("{\"label\":[\"k=v\"]}")).isEqualTo("%7B%22label%22%3A%5B%22k%3Dv%22%5D%7D");
    }
}
