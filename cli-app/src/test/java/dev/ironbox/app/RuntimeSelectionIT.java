package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.label.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime chosen by flag, environment and config file, on the real engines (Docker and Podman). The environment
 * is the CliContext's, never the JVM's; the working directory is this test's own, so its config file is the one read.
 */
class RuntimeSelectionIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "selection-it-workspace").toAbsolutePath();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void cleanWorkspace() throws Exception {
        Files.createDirectories(WORKSPACE);
        Files.deleteIfExists(WORKSPACE.resolve("ironbox.toml"));
    }

    @AfterEach
    void leavesNoContainerInEitherEngine() throws Exception {
        Files.deleteIfExists(WORKSPACE.resolve("ironbox.toml"));
        assertThat(Leftovers.enginesAsked()).containsExactly("docker", "podman");
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void theFlagSelectsPodman() throws Exception {
        assertRunsOn("podman", Map.of(), "run", "--runtime", "podman", "--json", "--", "id", "-u");
    }

    @Test
    void theEnvironmentSelectsPodman() throws Exception {
        assertRunsOn("podman", Map.of("IRONBOX_RUNTIME", "podman"), "run", "--json", "--", "id", "-u");
    }

    @Test
    void aConfigFileAloneSelectsPodman() throws Exception {
        Files.writeString(WORKSPACE.resolve("ironbox.toml"), "runtime = \"podman\"\n");
        assertRunsOn("podman", Map.of(), "run", "--json", "--", "id", "-u");
    }

    @Test
    void theFlagStillSelectsDocker() throws Exception {
        Files.writeString(WORKSPACE.resolve("ironbox.toml"), "runtime = \"podman\"\n");
        assertRunsOn("docker", Map.of("IRONBOX_RUNTIME", "podman"), "run", "--runtime", "docker", "--json", "--",
                "id", "-u");
    }

    @Test
    void autoTakesTheFirstEngineThatWorks() throws Exception {
        assertRunsOn("docker", Map.of(), "run", "--runtime", "auto", "--json", "--", "id", "-u");
    }

    @Test
    void theJavaEntryPointReadsTheSameConfigFile() throws Exception {
        Path file = Files.writeString(WORKSPACE.resolve("ironbox.toml"), "runtime = \"podman\"\n");
        try (Ironbox ironbox = Ironbox.builder().configFile(file).workspace(WORKSPACE).build(context(Map.of()))) {
            RunResult result = ironbox.run("id", "-u");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).isEqualTo(SandboxUser.current().uid() + "\n");
            assertThat(result.runtime()).isEqualTo("podman");
        }
    }

    private void assertRunsOn(String runtime, Map<String, String> environment, String... args) throws Exception {
        int code = CliComponent.create(context(environment)).commandLine().execute(args);

        assertThat(code).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("stdout").asText()).isEqualTo(SandboxUser.current().uid() + "\n");
        assertThat(json.get("runtime").asText()).isEqualTo(runtime);
        assertThat(err()).isEmpty();
    }

    /** HOME points into the workspace, so no user's config file interferes. */
    private CliContext context(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", WORKSPACE.toString());
        return new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, WORKSPACE);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
