package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An endpoint the user names binds, as it does for the {@code docker} CLI: the shaded jar, started with
 * {@code DOCKER_HOST} or {@code CONTAINER_HOST} in its environment, uses that engine or exits 125 with one line naming
 * it, and never falls back to a default socket, not even through {@code auto}.
 */
class ExplicitEndpointCliIT {

    /** World-readable and without mounts below it, so it can be the workspace; beside an empty home. */
    private static final Path WORKSPACE = Path.of("target", "explicit-endpoint-it", "work").toAbsolutePath();
    private static final Path HOME = WORKSPACE.resolveSibling("home");
    private static final String MISSING = "unix:///nonexistent.sock";
    private static final String DOCKER_SOCKET = "unix:///var/run/docker.sock";
    private static final String PODMAN_SOCKET = "unix:///run/podman/podman.sock";

    @BeforeAll
    static void workspace() throws IOException {
        Files.createDirectories(WORKSPACE);
        Files.createDirectories(HOME);
    }

    @Test
    void aMissingDockerHostExits125NamingIt() throws Exception {
        Result result = ironbox(Map.of("DOCKER_HOST", MISSING), "run", "--runtime", "docker", "--", "echo", "hi");

        assertThat(result.code()).as(result.err()).isEqualTo(125);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("ironbox: ").contains("DOCKER_HOST=" + MISSING, "not found")
                .doesNotContain("/var/run/docker.sock");
    }

    @Test
    void aMissingContainerHostExits125NamingIt() throws Exception {
        Result result = ironbox(Map.of("CONTAINER_HOST", MISSING), "run", "--runtime", "podman", "--", "echo", "hi");

        assertThat(result.code()).as(result.err()).isEqualTo(125);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("ironbox: ").contains("CONTAINER_HOST=" + MISSING, "not found")
                .doesNotContain("/run/podman/podman.sock");
    }

    @Test
    void autoDoesNotPassOverADeadDockerHostToPodman() throws Exception {
        Result result = ironbox(Map.of("DOCKER_HOST", MISSING), "run", "--", "echo", "hi");

        assertThat(result.code()).as(result.err()).isEqualTo(125);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).contains("auto: runtime docker cannot be used", "DOCKER_HOST=" + MISSING);
    }

    @Test
    void theRealSocketsNamedExplicitlyWork() throws Exception {
        Result docker = ironbox(Map.of("DOCKER_HOST", DOCKER_SOCKET), "run", "--runtime", "docker", "--json", "--",
                "echo", "hi");
        Result podman = ironbox(Map.of("CONTAINER_HOST", PODMAN_SOCKET), "run", "--runtime", "podman", "--json", "--",
                "echo", "hi");

        for (Result result : List.of(docker, podman)) {
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(new ObjectMapper().readTree(result.out()).get("stdout").asText()).isEqualTo("hi\n");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void doctorShowsTheNamedEndpointAndThatAutoWouldUseNothing() throws Exception {
        Result result = ironbox(Map.of("DOCKER_HOST", MISSING, "CONTAINER_HOST", PODMAN_SOCKET), "doctor", "--json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        JsonNode docker = json.get("runtimes").get(0);
        JsonNode podman = json.get("runtimes").get(1);
        assertThat(docker.get("id").asText()).isEqualTo("docker");
        assertThat(docker.get("available").asBoolean()).isFalse();
        assertThat(docker.get("endpoint").asText()).isEqualTo(MISSING);
        assertThat(docker.get("endpointNamedBy").asText()).isEqualTo("DOCKER_HOST");
        assertThat(docker.get("reason").asText()).contains("DOCKER_HOST=" + MISSING);
        assertThat(podman.get("usable").asBoolean()).as(podman.toString()).isTrue();
        assertThat(podman.get("endpoint").asText()).isEqualTo(PODMAN_SOCKET);
        assertThat(podman.get("endpointNamedBy").asText()).isEqualTo("CONTAINER_HOST");
        assertThat(json.get("auto").isNull()).as("auto never passes over a named engine").isTrue();
        assertThat(result.code()).as("podman can run sandboxes").isZero();
    }

    /**
     * Runs the shaded jar in the workspace, with only {@code environment} naming engines or a runtime, and checks
     * that the process left no container in either engine.
     */
    private static Result ironbox(Map<String, String> environment, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(WORKSPACE.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("IRONBOX_") || name.equals("DOCKER_HOST")
                || name.equals("CONTAINER_HOST") || name.equals("XDG_RUNTIME_DIR"));
        env.put("HOME", HOME.toString());
        env.putAll(environment);
        Path stdout = Files.createTempFile("ironbox-it", ".out");
        Path stderr = Files.createTempFile("ironbox-it", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Result result = new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            assertThat(Leftovers.ownedBy(process.pid())).isEmpty();
            return result;
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private record Result(int code, String out, String err) {}
}
