package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigReaderTest {

    @TempDir
    Path dir;

    private final TomlConfigReader reader = new TomlConfigReader();

    @Test
    void readsTheRuntime() throws Exception {
        Path file = write("# which engine\nruntime = \"podman\"  # or docker, auto\n");

        IronboxConfig config = reader.read(file);

        assertThat(config.runtime()).contains("podman");
        assertThat(config.file()).contains(file);
    }

    @Test
    void anEmptyFileSetsNothing() throws Exception {
        assertThat(reader.read(write("")).runtime()).isEmpty();
        assertThat(reader.read(write("# nothing yet\n")).runtime()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesTheFileLineColumnAndWhatWasExpected() throws Exception {
        Path file = write("\n# comment\nruntime = podman\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid config file " + file + ", line 3, column 11: unexpected text; expected a TOML "
                        + "value (a string needs double quotes, e.g. runtime = \"podman\")");
    }

    @Test
    void otherSyntaxErrorsCarryTheParsersWords() throws Exception {
        Path unterminated = write("runtime = \"podman\n");
        assertThatThrownBy(() -> reader.read(unterminated))
                .hasMessageStartingWith("invalid config file " + unterminated + ", line 1, column ");
        Path twice = write("# ironbox\nruntime = \"a\"\nruntime = \"b\"\n\n\n");
        assertThatThrownBy(() -> reader.read(twice))
                .hasMessage("invalid config file " + twice + ", line 3: key 'runtime' is set twice");
    }

    @Test
    void anUnknownKeyIsNamedNotIgnored() throws Exception {
        Path file = write("runtim = \"podman\"\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown key 'runtim' in " + file + "; known keys: runtime");
    }

    @Test
    void keysInTablesAreNamedWithDots() throws Exception {
        Path file = write("[run]\ntimeout = \"30s\"\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage("unknown key 'run.timeout' in " + file + "; known keys: runtime");
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheTypeExpected() throws Exception {
        Path file = write("runtime = 3\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("key 'runtime' in " + file + " must be a string, not an integer (e.g. runtime = \"podman\")");
        assertThatThrownBy(() -> reader.read(write("runtime = [\"docker\"]\n"))).hasMessageContaining("not an array");
        assertThatThrownBy(() -> reader.read(write("[runtime]\nid = \"docker\"\n"))).hasMessageContaining("not a table");
        assertThatThrownBy(() -> reader.read(write("runtime = true\n"))).hasMessageContaining("not a boolean");
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("missing.toml");
        assertThatThrownBy(() -> reader.read(missing)).hasMessageStartingWith("cannot read config file " + missing);
    }

    @Test
    void noFileIsNoConfiguration() {
        assertThat(IronboxConfig.none().runtime()).isEqualTo(Optional.empty());
        assertThat(IronboxConfig.none().source()).isEqualTo("no config file");
    }

    private int count;

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("ironbox-" + (++count) + ".toml"), text);
    }
}
