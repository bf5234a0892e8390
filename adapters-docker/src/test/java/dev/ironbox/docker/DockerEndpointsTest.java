package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.NamedEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointsTest {

    @TempDir
    Path home;

    @TempDir
    Path run;

    private final List<URI> pinged = new ArrayList<>();

    private DockerEndpoints endpoints(Map<String, String> env, DockerEndpoints.Pinger pinger) {
        return new DockerEndpoints(env::get, home, run.resolve("docker.sock"), uri -> {
            pinged.add(uri);
            pinger.ping(uri);
        });
    }

    private Path systemSocket() throws IOException {
        return Files.createFile(run.resolve("docker.sock"));
    }

    private Path homeSocket() throws IOException {
        Path socket = home.resolve(".docker/run/docker.sock");
        Files.createDirectories(socket.getParent());
        return Files.createFile(socket);
    }

    @Test
    void namesEveryPlaceTriedWhenNothingExists() {
        assertThatThrownBy(() -> endpoints(Map.of(), uri -> {}).discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Docker engine answered; tried: DOCKER_HOST unset; " + run.resolve("docker.sock")
                        + ": not found; " + home.resolve(".docker/run/docker.sock") + ": not found");
        assertThat(pinged).isEmpty();
    }

    @Test
    void dockerHostComesFirst() throws IOException {
        systemSocket();
        URI found = endpoints(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), uri -> {}).discover();
        assertThat(found).isEqualTo(URI.create("tcp://127.0.0.1:2375"));
        assertThat(pinged).containsExactly(found);
    }

    @Test
    void systemSocketBeforeHomeSocket() throws IOException {
        Path system = systemSocket();
        homeSocket();
        URI found = endpoints(Map.of(), uri -> {}).discover();
        assertThat(found.getScheme()).isEqualTo("unix");
        assertThat(Path.of(found.getPath())).isEqualTo(system);
        assertThat(pinged).hasSize(1);
    }

    @Test
    void fallsThroughToTheFirstThatAnswersWhenNothingIsNamed() throws IOException {
        Path system = systemSocket();
        Path user = homeSocket();
        URI found = endpoints(Map.of(), uri -> {
            if (!uri.getPath().equals(user.toString())) {
                throw new ConnectException("Connection refused");
            }
        }).discover();
        assertThat(Path.of(found.getPath())).isEqualTo(user);
        assertThat(pinged).extracting(URI::getPath).containsExactly(system.toString(), user.toString());
    }

    @Test
    void aNamedEndpointThatDoesNotAnswerFailsNamingItAndNothingElseIsTried() throws IOException {
        systemSocket();
        homeSocket();
        assertThatThrownBy(() -> endpoints(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"),
                uri -> { throw new ConnectException("Connection refused"); }).discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Docker engine answered at DOCKER_HOST=tcp://127.0.0.1:1: Connection refused "
                        + "(DOCKER_HOST names the engine, so no other is tried; unset it to use the default sockets)");
        assertThat(pinged).containsExactly(URI.create("tcp://127.0.0.1:1"));
    }

    @Test
    void aNamedSocketThatIsMissingFailsNamingItWhileTheDefaultSocketWouldAnswer() throws IOException {
        systemSocket();
        assertThatThrownBy(() -> endpoints(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), uri -> {}).discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Docker engine at DOCKER_HOST=unix:///nonexistent.sock: not found "
                        + "(DOCKER_HOST names the engine, so no other is tried; unset it to use the default sockets)");
        assertThat(pinged).isEmpty();
    }

    @Test
    void namedIsDockerHostWhenSet() {
        assertThat(endpoints(Map.of("DOCKER_HOST", " unix:///run/other.sock "), uri -> {}).named())
                .contains(new NamedEndpoint("DOCKER_HOST", "unix:///run/other.sock"));
        assertThat(endpoints(Map.of("DOCKER_HOST", " "), uri -> {}).named()).isEmpty();
        assertThat(endpoints(Map.of(), uri -> {}).named()).isEmpty();
        assertThat(pinged).isEmpty();
    }

    @Test
    void reportsWhyEachCandidateFailed() throws IOException {
        systemSocket();
        assertThatThrownBy(() -> endpoints(Map.of(),
                uri -> { throw new RuntimeException(new IOException("Connection refused")); }).discover())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Docker engine answered; tried: DOCKER_HOST unset; "
                        + run.resolve("docker.sock") + ": Connection refused; "
                        + home.resolve(".docker/run/docker.sock") + ": not found")
                .hasRootCauseMessage("Connection refused");
    }

    @Test
    void rejectsAnUnsupportedDockerHost() {
        assertThatThrownBy(() -> endpoints(Map.of("DOCKER_HOST", "ssh://me@host"), uri -> {}).discover())
                .hasMessageContaining("DOCKER_HOST=ssh://me@host: unsupported scheme (expected unix:// or tcp://)");
        assertThat(pinged).isEmpty();
    }

    @Test
    void realPingOfSomethingThatIsNotAnEngineFails() throws IOException {
        Path notASocket = systemSocket();
        DockerEndpoints real = new DockerEndpoints(Map.<String, String>of()::get, home, notASocket,
                DockerClients::ping);
        assertThatThrownBy(real::discover)
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no Docker engine answered; tried: DOCKER_HOST unset; " + notASocket + ": ")
                .hasMessageEndingWith(home.resolve(".docker/run/docker.sock") + ": not found");
    }

    @Test
    void requireNamesTheEndpoint() {
        DockerEndpoints none = endpoints(Map.of(), uri -> { throw new ConnectException("Connection refused"); });
        assertThatThrownBy(() -> none.require(URI.create("tcp://127.0.0.1:1")))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no Docker engine answered at tcp://127.0.0.1:1: Connection refused");
        assertThatThrownBy(() -> none.require(URI.create("unix://" + run.resolve("absent.sock"))))
                .hasMessage("no Docker engine at unix://" + run.resolve("absent.sock") + ": not found");
    }
}
