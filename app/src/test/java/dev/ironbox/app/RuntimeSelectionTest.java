package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.ironbox.fixture.FixtureRuntimeProvider;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence: the caller's choice, then IRONBOX_RUNTIME, then the config file, then auto. */
class RuntimeSelectionTest {

    @TempDir
    Path cwd;

    private final RuntimeRegistry registry = new RuntimeRegistry(List.of(new FixtureRuntimeProvider(),
            StubProvider.working("stub-env", 7), StubProvider.working("stub-flag", 3)));
    private final Map<String, String> env = new HashMap<>(Map.of("HOME", "/nonexistent"));

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsAuto() throws Exception {
        assertThat(select(Optional.empty())).isEqualTo(new RuntimeChoice("auto", RuntimeChoice.DEFAULT));

        Path file = Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"fixture\"\n");
        assertThat(select(Optional.empty())).isEqualTo(new RuntimeChoice("fixture", file.toString()));

        env.put("IRONBOX_RUNTIME", "stub-env");
        assertThat(select(Optional.empty())).isEqualTo(new RuntimeChoice("stub-env", "IRONBOX_RUNTIME"));

        assertThat(select(Optional.of("stub-flag"))).isEqualTo(new RuntimeChoice("stub-flag", RuntimeChoice.REQUESTED));
        assertThat(select(Optional.of("auto"))).isEqualTo(new RuntimeChoice("auto", RuntimeChoice.REQUESTED));
    }

    @Test
    void aBlankVariableIsUnset() throws Exception {
        Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"stub-env\"\n");
        env.put("IRONBOX_RUNTIME", "  ");

        assertThat(select(Optional.empty()).runtime()).isEqualTo("stub-env");
    }

    @Test
    void anUnknownIdNamesWhereItCameFrom() throws Exception {
        Path file = Files.writeString(cwd.resolve("ironbox.toml"), "runtime = \"podmn\"\n");

        assertThatThrownBy(() -> select(Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("unknown runtime 'podmn'; known runtimes: auto, stub-env, stub-flag, fixture (set by "
                        + file + ")");
        env.put("IRONBOX_RUNTIME", "nope");
        assertThatThrownBy(() -> select(Optional.empty())).hasMessageEndingWith("(set by IRONBOX_RUNTIME)");
        assertThatThrownBy(() -> select(Optional.of("x")))
                .hasMessage("unknown runtime 'x'; known runtimes: auto, stub-env, stub-flag, fixture");
    }

    @Test
    void aBrokenFileIsReportedEvenWhenTheFlagDecides() throws Exception {
        Files.writeString(cwd.resolve("ironbox.toml"), "runtim = \"fixture\"\n");

        assertThatThrownBy(() -> select(Optional.of("fixture"))).hasMessageStartingWith("unknown key 'runtim'");
    }

    private RuntimeChoice select(Optional<String> requested) {
        ConfigSource config = new ConfigSource(env, cwd, ConfigLocation.lookup(), new TomlConfigReader());
        return new ConfiguredRuntimeSelection(config, () -> registry).select(requested);
    }
}
