package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.NamedEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodmanEndpointsTest {

    @TempDir
    Path dir;

    private final List<URI> pinged = new ArrayList<>();
    private final List<FakeUnixServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws IOException {
        for (FakeUnixServer server : servers) {
            server.close();
        }
    }

    private Path system() {
        return dir.resolve("run/podman.sock");
    }

    private Path user() {
        return dir.resolve("user/podman/podman.sock");
    }

    private Map<String, String> xdg() {
        return Map.of("XDG_RUNTIME_DIR", dir.resolve("user").toString());
    }

    private PodmanEndpoints endpoints(Map<String, String> env, PodmanEndpoints.Pinger pinger) {
        return new PodmanEndpoints(env::get, system(), uri -> {
            pinged.add(uri);
            return pinger.ping(uri);
        });
    }

    /** A real socket file (accepting and closing), so that only the pinger decides. */
    private Path socket(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        servers.add(new FakeUnixServer(path, (connection, index) -> {}));
        return path;
    }

    @Test
    void namesEveryPlaceTriedWhenNothingExists() {
        assertThatThrownBy(() -> endpoints(xdg(), uri -> "4.3.1").discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Podman engine answered; tried: CONTAINER_HOST unset; " + user() + ": not found; "
                        + system() + ": not found");
        assertThat(pinged).isEmpty();
    }

    @Test
    void saysWhichVariablesAreUnset() {
        assertThatThrownBy(() -> endpoints(Map.of(), uri -> "4.3.1").discover())
                .hasMessage("no Podman engine answered; tried: CONTAINER_HOST unset; XDG_RUNTIME_DIR unset; "
                        + system() + ": not found");
    }

    @Test
    void containerHostComesFirstThenTheUserSocketThenTheSystemOne() throws IOException {
        Path host = socket(dir.resolve("host.sock"));
        socket(user());
        socket(system());
        Map<String, String> env = Map.of("CONTAINER_HOST", "unix://" + host, "XDG_RUNTIME_DIR",
                dir.resolve("user").toString());
        assertThat(endpoints(env, uri -> "4.3.1").discover().getPath()).isEqualTo(host.toString());
        assertThat(endpoints(xdg(), uri -> "4.3.1").discover().getPath()).isEqualTo(user().toString());
        assertThat(endpoints(Map.of(), uri -> "4.3.1").discover().getPath()).isEqualTo(system().toString());
        assertThat(pinged).hasSize(3);
    }

    @Test
    void fallsThroughToTheFirstThatAnswersAndSaysWhyTheOthersDidNot() throws IOException {
        socket(user());
        socket(system());
        URI found = endpoints(xdg(), uri -> {
            if (uri.getPath().equals(user().toString())) {
                throw new ConnectException("Connection refused");
            }
            return "4.9.3";
        }).discover();
        assertThat(found.getPath()).isEqualTo(system().toString());
        assertThat(pinged).extracting(URI::getPath).containsExactly(user().toString(), system().toString());
    }

    @Test
    void anEngineOlderThan4IsNamedWithBothVersions() throws IOException {
        socket(system());
        assertThatThrownBy(() -> endpoints(Map.of(), uri -> "3.4.4").discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageEndingWith(system() + ": Podman API 3.4.4 found; Ironbox needs 4.0.0 or later (Podman 4.0)");
    }

    @Test
    void remoteAndMalformedContainerHostsAreRefusedClearly() {
        assertThatThrownBy(() -> endpoints(Map.of("CONTAINER_HOST", "tcp://10.0.0.1:8080"), uri -> "4.3.1")
                .discover())
                .hasMessageContaining("CONTAINER_HOST=tcp://10.0.0.1:8080: tcp:// is not supported: Ironbox reaches "
                        + "Podman through a local unix socket only");
        assertThatThrownBy(() -> endpoints(Map.of("CONTAINER_HOST", "ssh://core@host/run/podman.sock"),
                uri -> "4.3.1").discover())
                .hasMessageContaining("ssh:// is not supported");
        assertThat(pinged).isEmpty();
    }

    @Test
    void aNamedEndpointThatIsMissingFailsNamingItWhileTheDefaultSocketsWouldAnswer() throws IOException {
        socket(user());
        socket(system());
        Map<String, String> env = Map.of("CONTAINER_HOST", "unix:///nonexistent.sock", "XDG_RUNTIME_DIR",
                dir.resolve("user").toString());
        assertThatThrownBy(() -> endpoints(env, uri -> "4.3.1").discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Podman engine at CONTAINER_HOST=unix:///nonexistent.sock: not found (CONTAINER_HOST "
                        + "names the engine, so no other is tried; unset it to use the default sockets)");
        assertThat(pinged).isEmpty();
    }

    @Test
    void aNamedEndpointThatDoesNotAnswerFailsAndNothingElseIsTried() throws IOException {
        Path host = socket(dir.resolve("host.sock"));
        socket(system());
        assertThatThrownBy(() -> endpoints(Map.of("CONTAINER_HOST", "unix://" + host),
                uri -> { throw new ConnectException("Connection refused"); }).discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no Podman engine at CONTAINER_HOST=unix://" + host + ": ")
                .hasMessageContaining("Connection refused");
        assertThat(pinged).extracting(URI::getPath).containsExactly(host.toString());
    }

    @Test
    void namedIsContainerHostWhenSet() {
        assertThat(endpoints(Map.of("CONTAINER_HOST", "unix:///run/other.sock"), uri -> "4.3.1").named())
                .contains(new NamedEndpoint("CONTAINER_HOST", "unix:///run/other.sock"));
        assertThat(endpoints(xdg(), uri -> "4.3.1").named()).isEmpty();
        assertThat(pinged).isEmpty();
    }

    @Test
    void aFileThatIsNotASocketIsNotPinged() throws IOException {
        Files.createDirectories(system().getParent());
        Files.writeString(system(), "x");
        assertThatThrownBy(() -> endpoints(Map.of(), uri -> "4.3.1").discover())
                .hasMessageEndingWith(system() + ": exists but is not a socket");
        assertThat(pinged).isEmpty();
    }

    @Test
    void aSocketThatAcceptsAndClosesIsNamedAsNotAnEngine() throws IOException {
        socket(system());
        PodmanEndpoints real = new PodmanEndpoints(Map.<String, String>of()::get, system(), Probe::probe);
        assertThatThrownBy(real::discover)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageEndingWith(system() + ": not a Podman API socket: it accepted the connection and closed "
                        + "it without an HTTP answer");
    }

    @Test
    void aSocketThatAnswersGarbageIsNamedAsNotAnEngine() throws IOException {
        Files.createDirectories(system().getParent());
        servers.add(new FakeUnixServer(system(), (connection, index) -> {
            FakeUnixServer.readRequest(connection);
            FakeUnixServer.write(connection, "SSH-2.0-OpenSSH_9.2\r\n");
        }));
        PodmanEndpoints real = new PodmanEndpoints(Map.<String, String>of()::get, system(), Probe::probe);
        assertThatThrownBy(real::discover)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageEndingWith(system() + ": not a Podman API socket: it accepted the connection and closed "
                        + "it without an HTTP answer");
    }

    @Test
    void aSocketThatNeverAnswersIsGivenUpOnAtTheDeadline() throws IOException {
        Files.createDirectories(system().getParent());
        servers.add(new FakeUnixServer(system(), (connection, index) -> {
            FakeUnixServer.readRequest(connection);
            FakeUnixServer.readRequest(connection); // blocks until the client gives up and closes
        }));
        PodmanEndpoints real = new PodmanEndpoints(Map.<String, String>of()::get, system(),
                uri -> Probe.probe(uri, Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThatThrownBy(real::discover)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageEndingWith(system() + ": not a Podman API socket: it accepted the connection but sent no "
                        + "answer within 300 ms");
        // a bound far above the 300 ms deadline: it shows the probe gives up rather than hanging, not how fast
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anHttpServerThatIsNotPodmanIsNamedAsSuch() throws IOException {
        Files.createDirectories(system().getParent());
        servers.add(new FakeUnixServer(system(), (connection, index) -> {
            FakeUnixServer.readRequest(connection);
            FakeUnixServer.write(connection, FakeUnixServer.answer(404, "", "page not found"));
        }));
        PodmanEndpoints real = new PodmanEndpoints(Map.<String, String>of()::get, system(), Probe::probe);
        assertThatThrownBy(real::discover)
                .hasMessageEndingWith(system() + ": not a Podman API socket: it answers HTTP 404 without a "
                        + "Libpod-API-Version header: not Podman's libpod API (a Docker engine?)");
    }

    @Test
    void requireNamesTheEndpoint() {
        URI absent = URI.create("unix://" + dir.resolve("absent.sock"));
        assertThatThrownBy(() -> endpoints(Map.of(), uri -> "4.3.1").require(absent))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Podman engine at " + absent + ": not found");
    }
}
