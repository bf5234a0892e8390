package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.model.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI end to end: a third-party runtime (the fixture module, outside dev.ironbox, on the test classpath only) is
 * found by the real ServiceLoader and chosen by a config file alone: no flag, no environment variable, no engine.
 */
class FixtureRuntimeTest {

    @TempDir
    Path cwd;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aConfigFileAloneSelectsItForTheCommandLine() throws Exception {
        Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"fixture\"\n");

        int code = CliComponent.create(context(Map.of("HOME", cwd.toString()))).commandLine()
                .execute("run", "--json", "--", "true");

        assertThat(code).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("runtime").asText()).isEqualTo("fixture");
        assertThat(json.get("stdout").asText()).isEqualTo("fixture runtime ran: true\n");
        assertThat(json.get("exitCode").asInt()).isZero();
    }

    @Test
    void theUsersConfigFileAndIronboxConfigWorkToo() throws Exception {
        Path xdg = Files.createDirectories(cwd.resolve("xdg/ironbox"));
        Files.writeString(xdg.resolve("config.toml"), "runtime = \"fixture\"\n");

        int code = CliComponent.create(context(Map.of("XDG_CONFIG_HOME", xdg.getParent().toString())))
                .commandLine().execute("run", "--json", "--", "echo", "hi");

        assertThat(code).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("stdout").asText()).isEqualTo("fixture runtime ran: echo hi\n");

        Path named = Files.writeString(cwd.resolve("elsewhere.toml"), "runtime = \"fixture\"\n");
        assertThat(IronboxComponent.create(context(Map.of("IRONBOX_CONFIG", named.toString()))).selectRuntime()
                .select(Optional.empty()).runtime()).isEqualTo("fixture");
    }

    @Test
    void aConfigFileAloneSelectsItForTheJavaEntryPoint() throws Exception {
        Path file = Files.writeString(cwd.resolve("fixture.toml"), "runtime = \"fixture\"\n");

        try (Ironbox ironbox = Ironbox.builder().configFile(file).workspace(cwd).build()) {
            RunResult result = ironbox.run("id", "-u");
            assertThat(ironbox.runtimeId()).isEqualTo("fixture");
            assertThat(result.runtime()).isEqualTo("fixture");
            assertThat(result.stdout()).isEqualTo("fixture runtime ran: id -u\n");
        }
    }

    @Test
    void theBuildersRuntimeBeatsTheConfigFile() throws Exception {
        Path file = Files.writeString(cwd.resolve("bad.toml"), "runtime = \"no-such-runtime\"\n");
        IronboxBuilder builder = Ironbox.builder().configFile(file).workspace(cwd);

        try (Ironbox ironbox = builder.runtime("fixture").build(context(Map.of("IRONBOX_RUNTIME", "docker")))) {
            assertThat(ironbox.runtimeId()).isEqualTo("fixture");
        }
    }

    @Test
    void theEnvironmentBeatsTheConfigFile() throws Exception {
        Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"docker\"\n");

        int code = CliComponent.create(context(Map.of("IRONBOX_RUNTIME", "fixture"))).commandLine()
                .execute("run", "--json", "--", "true");

        assertThat(code).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("runtime").asText()).isEqualTo("fixture");
    }

    @Test
    void theFlagBeatsTheEnvironmentAndTheConfigFile() throws Exception {
        Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"docker\"\n");

        int code = CliComponent.create(context(Map.of("IRONBOX_RUNTIME", "docker"))).commandLine()
                .execute("run", "--runtime", "fixture", "--json", "--", "true");

        assertThat(code).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("runtime").asText()).isEqualTo("fixture");
    }

    private CliContext context(Map<String, String> environment) {
        return new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, cwd);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
