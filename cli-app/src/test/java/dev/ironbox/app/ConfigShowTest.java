package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ironbox config show} through the composition root: the real config file lookup, selection and reader. */
class ConfigShowTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void eachSettingNamesWhereItsValueCameFrom() throws Exception {
        Files.createDirectory(dir.resolve("ws"));
        Path file = Files.writeString(dir.resolve("ironbox.toml"), """
                runtime = "podman"
                [run]
                timeout = "2m"
                workspace = "ws"
                env = ["A=1"]
                [session]
                ttl = "1h"
                [network]
                default-domains = false
                """);
        assertThat(ironbox(Map.of(), "config", "trust")).as(err()).isZero(); // its workspace and env need trust
        out.reset();

        int code = ironbox(Map.of("IRONBOX_RUNTIME", "docker"), "config", "show", "--memory", "1g", "--env", "B=2",
                "--json");

        assertThat(code).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("configFile").asText()).isEqualTo(file.toString());
        Map<String, JsonNode> settings = new HashMap<>();
        json.get("settings").forEach(s -> settings.put(s.get("name").asText(), s));
        assertSetting(settings, "runtime", "docker", "environment IRONBOX_RUNTIME");
        assertSetting(settings, "run.timeout", "2m", "file " + file);
        assertSetting(settings, "run.workspace", dir.resolve("ws").toString(), "file " + file);
        assertSetting(settings, "run.memory", "1g", "flag --memory");
        assertSetting(settings, "run.pids", "512", "default");
        assertSetting(settings, "run.env", "A=1 B=2", "file " + file + " + flag --env");
        assertSetting(settings, "session.ttl", "1h", "file " + file);
        assertSetting(settings, "network.default-domains", "false", "file " + file);
    }

    @Test
    void withoutTheEnvironmentTheFileChoosesTheRuntimeAndAFlagBeatsBoth() throws Exception {
        Files.writeString(dir.resolve("ironbox.toml"), "runtime = \"podman\"\n");

        assertThat(ironbox(Map.of(), "config", "show")).as(err()).isZero();
        assertThat(out()).containsPattern("runtime +podman +file " + dir.resolve("ironbox.toml"));

        out.reset();
        assertThat(ironbox(Map.of("IRONBOX_RUNTIME", "podman"), "config", "show", "--runtime", "docker")).isZero();
        assertThat(out()).containsPattern("runtime +docker +flag --runtime");
    }

    @Test
    void aBadValueInTheFileIsOneLineNamingTheKeyAndExit125() throws Exception {
        Path file = Files.writeString(dir.resolve("ironbox.toml"), "[run]\nmemory = \"lots\"\n");

        assertThat(ironbox(Map.of(), "config", "show")).isEqualTo(125);

        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: key 'run.memory' in " + file + ": invalid value 'lots'");
    }

    @Test
    void thePoolTableShowsWithItsSourceAndABadValueNamesKeyFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.toml"), "[pool]\nsize = 2\nmax-idle-age = \"1m\"\n");

        assertThat(ironbox(Map.of("IRONBOX_CONFIG", file.toString()), "config", "show")).as(err()).isZero();
        assertThat(out()).containsPattern("pool\\.size +2 +file " + file)
                .containsPattern("pool\\.max-idle-age +1m +file " + file)
                .containsPattern("pool\\.max-keys +4 +default")
                .contains("'ironbox run' starts a new process per command and always runs cold");

        Files.writeString(file, "# mine\n[pool]\nsize = 100\n");
        assertThat(ironbox(Map.of("IRONBOX_CONFIG", file.toString()), "config", "show")).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: key 'pool.size' in " + file + ", line 3: pool size must be between 0 "
                + "and 64, got 100\n");
    }

    private int ironbox(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", dir.toString());
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, dir);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private static void assertSetting(Map<String, JsonNode> settings, String name, String value, String source) {
        assertThat(settings.get(name).get("value").asText()).as(name).isEqualTo(value);
        assertThat(settings.get(name).get("source").asText()).as(name).isEqualTo(source);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
