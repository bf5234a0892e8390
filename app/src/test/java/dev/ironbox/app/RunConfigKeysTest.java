package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's [run] and [session] tables: read, checked, and handed to the command line as flags spell them. */
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

        assertThat(config.option("--policy")).contains("workspace_write");
        assertThat(config.option("--workspace")).contains(dir.resolve("project").toString());
        assertThat(config.option("--image")).contains("alpine:3");
        assertThat(config.option("--timeout")).contains("2m");
        assertThat(config.option("--memory")).contains("1g");
        assertThat(config.option("--cpus")).contains("1.5");
        assertThat(config.option("--pids")).contains("256");
        assertThat(config.option("--max-output")).contains("1m");
        assertThat(config.option("--allow-full-access")).as("a flag only").isEmpty();
        assertThat(config.option("--ttl")).contains("1h");
        assertThat(config.option("--max-lifetime")).contains("8h");
        assertThat(config.env()).containsExactly("CI=true", "EMPTY=");
        assertThat(config.option("--runtime")).as("runtime is chosen by the selection").isEmpty();
    }

    @Test
    void wholeCpusAndDottedKeysWork() throws Exception {
        IronboxConfig config = read(write("run.cpus = 2\nsession.ttl = \"90s\"\n"));

        assertThat(config.option("--cpus")).contains("2");
        assertThat(config.option("--ttl")).contains("90s");
        assertThat(config.option("--timeout")).isEmpty();
        assertThat(config.env()).isEmpty();
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
        assertThat(config.value("--timeout")).contains("7s");
        assertThat(config.value("--memory")).isEmpty();
        assertThat(config.values("--env")).isEqualTo(List.of("A=1"));
        assertThat(config.values("--allow-domain")).isEmpty();

        FileRunConfiguration none = new FileRunConfiguration(
                new ConfigSource(Map.of("HOME", dir.toString()), dir, ConfigLocation.lookup(), reader));
        assertThat(none.file()).isEqualTo(Optional.empty());
        assertThat(none.value("--timeout")).isEmpty();
    }

    private Path write(String text) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "ironbox", ".toml"), text);
    }

    /** A file the user named ($IRONBOX_CONFIG): every key is allowed. */
    private IronboxConfig read(Path file) {
        return reader.read(new ConfigFile(file, ConfigFile.Origin.VARIABLE));
    }
}
