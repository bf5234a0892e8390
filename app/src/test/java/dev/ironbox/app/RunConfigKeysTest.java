package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's [run] and [session] tables: read once into typed values, checked, each with its text and file. */
class RunConfigKeysTest {

    @TempDir
    Path dir;

    private final TomlConfigReader reader = new TomlConfigReader();

    @Test
    void everyRunOptionIsReadAsItsFlagWouldTakeIt() throws Exception {
        Files.createDirectory(dir.resolve("project"));
        Path file = write("""
                [run]
                policy = "rw"
                workspace = "project"
                image = "alpine:3"
                timeout = "2m"
                memory = "1g"
                cpus = 1.5
                pids = 256
                max-output = "1m"
                env = ["CI=true", "EMPTY="]

                [session]
                ttl = "1h"
                max-lifetime = "8h"
                """);

        IronboxConfig config = read(file);

        assertThat(option(config.layer(), "--policy")).contains("workspace_write");
        assertThat(option(config.layer(), "--workspace")).contains(dir.resolve("project").toString());
        assertThat(option(config.layer(), "--image")).contains("alpine:3");
        assertThat(option(config.layer(), "--timeout")).contains("2m");
        assertThat(option(config.layer(), "--memory")).contains("1g");
        assertThat(option(config.layer(), "--cpus")).contains("1.5");
        assertThat(option(config.layer(), "--pids")).contains("256");
        assertThat(option(config.layer(), "--max-output")).contains("1m");
        assertThat(option(config.layer(), "--allow-full-access")).as("a flag only").isEmpty();
        assertThat(option(config.layer(), "--ttl")).contains("1h");
        assertThat(option(config.layer(), "--max-lifetime")).contains("8h");
        assertThat(env(config.layer())).containsExactly("CI=true", "EMPTY=");
        assertThat(option(config.layer(), "--runtime")).as("runtime is chosen by the selection").isEmpty();
        // read once into typed values: nothing parses the text again
        SettingsLayer typed = config.layer();
        assertThat(typed.value(SettingKey.POLICY)).contains(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(typed.value(SettingKey.WORKSPACE)).contains(dir.resolve("project").toRealPath());
        assertThat(typed.value(SettingKey.TIMEOUT)).contains(Duration.ofMinutes(2));
        assertThat(typed.value(SettingKey.MEMORY)).contains(new ByteSize(1L << 30));
        assertThat(typed.value(SettingKey.CPUS)).contains(1.5);
        assertThat(typed.value(SettingKey.PIDS)).contains(256L);
        assertThat(typed.value(SettingKey.MAX_OUTPUT)).contains(new ByteSize(1L << 20));
        assertThat(typed.value(SettingKey.TTL)).contains(Duration.ofHours(1));
        assertThat(typed.value(SettingKey.MAX_LIFETIME)).contains(Duration.ofHours(8));
        assertThat(typed.get(SettingKey.TIMEOUT).orElseThrow().source())
                .isEqualTo(SettingSource.file(file));
    }

    @Test
    void wholeCpusAndDottedKeysWork() throws Exception {
        IronboxConfig config = read(write("run.cpus = 2\nsession.ttl = \"90s\"\n"));

        assertThat(option(config.layer(), "--cpus")).contains("2");
        assertThat(option(config.layer(), "--ttl")).contains("90s");
        assertThat(option(config.layer(), "--timeout")).isEmpty();
        assertThat(env(config.layer())).isEmpty();
    }

    @Test
    void eachBadValueNamesTheKeyTheFileAndTheProblem() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("[run]\npolicy = \"bogus\"\n", "key 'run.policy' in FILE: "),
                Map.entry("[run]\ntimeout = \"soon\"\n", "key 'run.timeout' in FILE: invalid value 'soon'"),
                Map.entry("[run]\ntimeout = 30\n", "key 'run.timeout' in FILE must be a string, not an integer"),
                Map.entry("[run]\nmemory = \"lots\"\n", "key 'run.memory' in FILE: invalid value 'lots'"),
                Map.entry("[run]\nmax-output = \"-1\"\n", "key 'run.max-output' in FILE: invalid value '-1'"),
                Map.entry("[run]\ncpus = 0\n", "key 'run.cpus' in FILE: expected a positive number of cores"),
                Map.entry("[run]\ncpus = \"1\"\n", "key 'run.cpus' in FILE must be a number, not a string"),
                Map.entry("[run]\npids = 1.5\n", "key 'run.pids' in FILE must be an integer, not a float"),
                Map.entry("[run]\npids = -3\n", "key 'run.pids' in FILE: expected a positive whole number"),
                Map.entry("[run]\nimage = \" \"\n", "key 'run.image' in FILE: an image name cannot be empty"),
                Map.entry("[run]\nenv = [\"=x\"]\n", "key 'run.env' in FILE: '=x' is not NAME=VALUE"),
                Map.entry("[run]\nenv = \"A=1\"\n", "key 'run.env' in FILE must be an array of strings"),
                Map.entry("[run]\nworkspace = \"missing\"\n", "key 'run.workspace' in FILE: no such directory "
                        + "'missing'"),
                Map.entry("[session]\nttl = \"1s\"\n", "key 'session.ttl' in FILE: a session TTL must be at least 2s"),
                Map.entry("[session]\nmax-lifetime = \"1s\"\n",
                        "key 'session.max-lifetime' in FILE: a session's max lifetime must be at least 2s"));
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            Path file = write(entry.getKey());
            assertThatThrownBy(() -> read(file)).as(entry.getKey())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith(entry.getValue().replace("FILE", file.toString()));
        }
    }

    @Test
    void aWorkspaceThatIsAFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        Path file = write("[run]\nworkspace = \"notes.txt\"\n");

        assertThatThrownBy(() -> read(file))
                .hasMessage("key 'run.workspace' in " + file + ": 'notes.txt' is not a directory");
    }

    @Test
    void aRunKeyAtTheTopLevelGetsAHint() throws Exception {
        Path file = write("timeout = \"30s\"\n");

        assertThatThrownBy(() -> read(file))
                .hasMessageStartingWith("unknown key 'timeout' in " + file
                        + " (did you mean 'run.timeout', in the [run] table?)");
    }

    @Test
    void theCommandLineSeesTheFileItWasGiven() throws Exception {
        Path file = write("[run]\ntimeout = \"7s\"\nenv = [\"A=1\"]\n");
        ConfigSource source = new ConfigSource(Map.of(), dir, ConfigLocation.of(file), reader);
        FileRunConfiguration config = new FileRunConfiguration(source);

        assertThat(config.file()).contains(file);
        assertThat(option(config.settings(), "--timeout")).contains("7s");
        assertThat(config.settings().value(SettingKey.TIMEOUT)).contains(Duration.ofSeconds(7));
        assertThat(option(config.settings(), "--memory")).isEmpty();
        assertThat(env(config.settings())).isEqualTo(List.of("A=1"));
        assertThat(config.settings().value(SettingKey.ALLOW_DOMAINS)).isEmpty();

        FileRunConfiguration none = new FileRunConfiguration(
                new ConfigSource(Map.of("HOME", dir.toString()), dir, ConfigLocation.lookup(), reader));
        assertThat(none.file()).isEqualTo(Optional.empty());
        assertThat(option(none.settings(), "--timeout")).isEmpty();
    }

    /** The file's setting for {@code flag}'s key, as it was written ({@code 2m}) or made canonical. */
    private static Optional<String> option(SettingsLayer settings, String flag) {
        return SettingKey.ALL.stream().filter(key -> key.option().equals(flag)).findFirst()
                .flatMap(key -> settings.get(key)).map(Setting::text);
    }

    private static List<String> env(SettingsLayer settings) {
        return settings.value(SettingKey.ENV).orElse(List.of());
    }

    private Path write(String text) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "ironbox", ".toml"), text);
    }

    /** A file the user named ($IRONBOX_CONFIG): every key is allowed. */
    private IronboxConfig read(Path file) {
        return reader.read(new ConfigFile(file, ConfigFile.Origin.VARIABLE));
    }
}
