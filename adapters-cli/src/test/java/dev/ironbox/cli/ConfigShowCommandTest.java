package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.EgressSettings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.regex.Pattern;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigShowCommandTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();

    /** As the composition root's selection: flag, else the environment, else the file, else auto. */
    private SelectRuntimeUseCase selection(Map<String, String> environment, Optional<String> fileRuntime) {
        return requested -> requested.map(id -> new RuntimeChoice(id, RuntimeChoice.REQUESTED))
                .or(() -> Optional.ofNullable(environment.get("IRONBOX_RUNTIME"))
                        .map(id -> new RuntimeChoice(id, "IRONBOX_RUNTIME")))
                .or(() -> fileRuntime.map(id -> new RuntimeChoice(id, cwd.resolve("ironbox.toml").toString())))
                .orElse(new RuntimeChoice(RuntimeChoice.AUTO, RuntimeChoice.DEFAULT));
    }

    private Console console(Map<String, String> environment, Optional<String> fileRuntime) {
        return new Console(factory, cwd, environment, selection(environment, fileRuntime), () -> {
            throw new UnsupportedOperationException();
        });
    }

    @Test
    void withNothingSetEverySettingIsTheDefault() throws Exception {
        Console console = console(Map.of(), Optional.empty());

        assertThat(console.execute("config", "show", "--json")).as(console.err()).isZero();

        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("configFile").isNull()).isTrue();
        assertThat(JsonNames.of(json)).containsExactly("configFile", "configFiles", "projectFile", "settings");
        assertThat(JsonNames.of(json.get("settings").get(0))).containsExactly("name", "value", "source");
        Map<String, JsonNode> settings = byName(json);
        assertThat(settings.keySet()).containsExactly("runtime", "run.policy", "run.allow-full-access",
                "run.workspace", "run.image", "run.timeout", "run.memory", "run.cpus", "run.pids", "run.max-output",
                "run.env", "session.ttl", "session.max-lifetime", "network.allow-domains", "network.credentials", "network.default-domains",
                "network.upstream-ca", "pool.size", "pool.max-idle-age", "pool.max-keys");
        settings.values().forEach(s -> assertThat(s.get("source").asText()).as(s.toString()).isEqualTo("default"));
        assertThat(settings.get("runtime").get("value").asText()).isEqualTo("auto");
        assertThat(settings.get("run.timeout").get("value").asText()).isEqualTo("120s");
        assertThat(settings.get("run.image").get("value").asText()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(settings.get("run.workspace").get("value").asText()).isEqualTo(cwd.toString());
        assertThat(settings.get("session.ttl").get("value").asText()).isEqualTo("30m");
        assertThat(settings.get("session.max-lifetime").get("value").asText()).isEqualTo("24h");
    }

    @Test
    void eachValueNamesItsSourceFlagBeforeEnvironmentBeforeFileBeforeDefault() throws Exception {
        Path file = cwd.resolve("ironbox.toml");
        Path ca = Files.writeString(cwd.resolve("ca.pem"), "x");
        Console console = console(Map.of("IRONBOX_RUNTIME", "docker"), Optional.of("podman"));
        console.runConfiguration = new FileConfiguration(file,
                Map.of("--timeout", "2m", "--memory", "1g", "--ttl", "1h"), List.of("A=1"));
        console.configured = () -> new EgressSettings(List.of("example.com"), List.of(), Optional.of(false),
                Optional.of(ca));

        int code = console.execute("config", "show", "--memory", "256m", "--env", "B=2", "--allow-domain",
                "api.example.org", "--json");

        assertThat(code).as(console.err()).isZero();
        Map<String, JsonNode> settings = byName(new ObjectMapper().readTree(console.out()));
        assertSetting(settings, "runtime", "docker", "environment IRONBOX_RUNTIME");
        assertSetting(settings, "run.timeout", "2m", "file " + file);
        assertSetting(settings, "run.memory", "256m", "flag --memory");
        assertSetting(settings, "run.cpus", "1", "default");
        assertSetting(settings, "run.env", "A=1 B=2", "file " + file + " + flag --env");
        assertSetting(settings, "session.ttl", "1h", "file " + file);
        assertSetting(settings, "network.allow-domains", "example.com api.example.org",
                "file " + file + " + flag --allow-domain");
        assertSetting(settings, "network.default-domains", "false", "file " + file);
        assertSetting(settings, "network.upstream-ca", ca.toString(), "file " + file);
    }

    @Test
    void theFlagBeatsTheEnvironmentForTheRuntimeAndTheTextFormIsATable() {
        Console console = console(Map.of("IRONBOX_RUNTIME", "docker"), Optional.empty());

        assertThat(console.execute("config", "show", "--runtime", "fake", "--ttl", "10m")).isZero();

        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("config file: none");
        assertThat(lines.get(2)).matches("SETTING +VALUE +SOURCE");
        assertThat(lines).anyMatch(line -> line.matches("runtime +fake +flag --runtime"));
        assertThat(lines).anyMatch(line -> line.matches("session\\.ttl +10m +flag --ttl"));
        assertThat(lines).anyMatch(line -> line.matches("network\\.upstream-ca +\\(none\\) +default"));
    }

    @Test
    void aBrokenConfigFileIsOneLineAndExit125() {
        Console console = console(Map.of(), Optional.empty());
        console.runConfiguration = new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return Optional.empty();
            }

            @Override
            public SettingsLayer settings() {
                throw new InvalidConfigurationException("key 'run.timeout' in x.toml: invalid value 'soon'");
            }
        };

        assertThat(console.execute("config", "show")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).isEqualTo("ironbox: key 'run.timeout' in x.toml: invalid value 'soon'\n");
    }

    @Test
    void runUsesTheFileAsDefaultsAndItsHelpShowsThem() {
        Console console = console(Map.of(), Optional.empty());
        console.runConfiguration = new FileConfiguration(cwd.resolve("ironbox.toml"),
                Map.of("--timeout", "7s", "--cpus", "0.5", "--policy", "workspace_write"), List.of("A=1"));

        assertThat(console.execute("run", "--cpus", "2", "--env", "B=2", "--", "true")).as(console.err()).isZero();

        var request = factory.requests.get(0);
        assertThat(request.limits().timeout()).hasSeconds(7);
        assertThat(request.limits().cpus()).isEqualTo(2.0);
        assertThat(request.policy().cliName()).isEqualTo("workspace_write");
        assertThat(request.env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));

        console = console(Map.of(), Optional.empty());
        console.runConfiguration = new FileConfiguration(cwd.resolve("ironbox.toml"), Map.of("--timeout", "7s"),
                List.of());
        assertThat(console.execute("run", "--help")).isZero();
        assertThat(console.out().replaceAll("\\s+", " ")).contains("Default: 7s (from " + cwd.resolve("ironbox.toml"));
    }

    @Test
    void thePoolShowsWithItsSourceAndANoteThatTheCommandLineRunsCold() throws Exception {
        Path file = cwd.resolve("ironbox.toml");
        SettingSource source = SettingSource.file(file);
        Console console = console(Map.of(), Optional.empty());
        console.runConfiguration = new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return Optional.of(file);
            }

            @Override
            public SettingsLayer settings() {
                return SettingsLayer.empty().with(SettingKey.POOL_SIZE, 2, source)
                        .with(SettingKey.POOL_MAX_IDLE_AGE, Duration.ofMinutes(1), "1m", source);
            }
        };

        assertThat(console.execute("config", "show", "--json")).as(console.err()).isZero();
        Map<String, JsonNode> settings = byName(new ObjectMapper().readTree(console.out()));
        assertSetting(settings, "pool.size", "2", "file " + file);
        assertSetting(settings, "pool.max-idle-age", "1m", "file " + file);
        assertSetting(settings, "pool.max-keys", "4", "default");

        Console text = console(Map.of(), Optional.empty());
        text.runConfiguration = console.runConfiguration;
        assertThat(text.execute("config", "show")).as(text.err()).isZero();
        assertThat(text.out().lines().toList())
                .anyMatch(line -> line.matches("pool\\.size +2 +file " + Pattern.quote(file.toString())))
                .anyMatch(line -> line.matches("pool\\.max-idle-age +1m +file .*"))
                .anyMatch(line -> line.matches("pool\\.max-keys +4 +default"))
                .contains("note: the pool (pool.*) is for programs that embed Ironbox; 'ironbox run' starts a new "
                        + "process per command and always runs cold");
    }

    @Test
    void withoutAPoolThereIsNoNoteAndTheDefaultsShow() {
        Console console = console(Map.of(), Optional.empty());

        assertThat(console.execute("config", "show")).as(console.err()).isZero();

        assertThat(console.out()).doesNotContain("note:");
        assertThat(console.out().lines().toList())
                .anyMatch(line -> line.matches("pool\\.size +0 +default"))
                .anyMatch(line -> line.matches("pool\\.max-idle-age +300s +default"));
    }

    @Test
    void helpHasExamples() {
        Console console = console(Map.of(), Optional.empty());
        assertThat(console.execute("config", "show", "--help")).isZero();
        assertThat(console.out()).contains("Examples:", "ironbox config show --json");
    }

    @Test
    void withoutProjectFilesTrustIsOneLineAndTheGroupNamesItsCommands() {
        Console console = console(Map.of(), Optional.empty());

        assertThat(console.execute("config", "trust")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).isEqualTo("ironbox: this Ironbox reads no project config file to trust"
                + System.lineSeparator());
        assertThat(console.execute("config", "--help")).isZero();
        assertThat(console.out()).contains("show", "trust", "untrust");
    }

    private static void assertSetting(Map<String, JsonNode> settings, String name, String value, String source) {
        assertThat(settings.get(name).get("value").asText()).as(name).isEqualTo(value);
        assertThat(settings.get(name).get("source").asText()).as(name).isEqualTo(source);
    }

    private static Map<String, JsonNode> byName(JsonNode json) {
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        json.get("settings").forEach(setting -> settings.put(setting.get("name").asText(), setting));
        return settings;
    }
}
