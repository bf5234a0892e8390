package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config file's {@code [pool]} table: typed once, errors with key, file and line, and trust for a project's. */
class PoolConfigKeysTest {

    @TempDir
    Path dir;

    private final TomlConfigReader reader = new TomlConfigReader();

    private Path write(String toml) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), toml);
    }

    private SettingsLayer read(Path file) {
        return reader.read(new ConfigFile(file, Origin.NAMED)).layer();
    }

    @Test
    void thePoolTableIsTypedAndKeepsItsTextAsWritten() throws Exception {
        Path file = write("[pool]\nsize = 2\nmax-idle-age = \"90s\"\nmax-keys = 8\n");

        SettingsLayer settings = read(file);

        SettingSource source = SettingSource.files(List.of(file));
        assertThat(settings.get(SettingKey.POOL_SIZE)).contains(new Setting<>(SettingKey.POOL_SIZE, 2, "2", source));
        assertThat(settings.get(SettingKey.POOL_MAX_IDLE_AGE))
                .contains(new Setting<>(SettingKey.POOL_MAX_IDLE_AGE, Duration.ofSeconds(90), "90s", source));
        assertThat(settings.value(SettingKey.POOL_MAX_KEYS)).contains(8);
        assertThat(read(write("pool.size = 0\n")).value(SettingKey.POOL_SIZE)).as("dotted, and off").contains(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "size = 65               | key 'pool.size' in FILE, line 3: pool size must be between 0 and 64, got 65",
        "size = -1               | key 'pool.size' in FILE, line 3: pool size must be between 0 and 64, got -1",
        "size = 1099511627776    | key 'pool.size' in FILE, line 3: pool size 1099511627776 is out of range",
        "size = \"2\"            | key 'pool.size' in FILE, line 3 must be an integer, not a string (e.g. [pool] size = 2)",
        "size = 2.5              | key 'pool.size' in FILE, line 3 must be an integer, not a float",
        "max-idle-age = \"0.5s\" | key 'pool.max-idle-age' in FILE, line 3: invalid value '0.5s'",
        "max-idle-age = \"500ms\"| key 'pool.max-idle-age' in FILE, line 3: pool max idle age must be between 1s and 24h, got '500ms'",
        "max-idle-age = \"25h\"  | key 'pool.max-idle-age' in FILE, line 3: pool max idle age must be between 1s and 24h, got '25h'",
        "max-idle-age = 300      | key 'pool.max-idle-age' in FILE, line 3 must be a string, not an integer (e.g. [pool] max-idle-age = \"5m\")",
        "max-keys = 0            | key 'pool.max-keys' in FILE, line 3: pool max keys must be between 1 and 64, got 0",
    })
    void aBadValueNamesTheKeyTheFileAndTheLine(String line, String expected) throws Exception {
        Path file = write("runtime = \"auto\"\n[pool]\n" + line.strip() + "\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(expected.replace("FILE", file.toString()))
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aKeyOutsideThePoolTableIsNamedWithAHint() throws Exception {
        Path file = write("max-idle-age = \"1m\"\n");

        assertThatThrownBy(() -> read(file)).hasMessageStartingWith("unknown key 'max-idle-age' in " + file
                + " (did you mean 'pool.max-idle-age', in the [pool] table?)");
    }

    @Test
    void anUntrustedProjectFilesLargerPoolIsHeldBackAndRefusedOnlyWhenUsed() throws Exception {
        Path project = Files.writeString(dir.resolve("ironbox.toml"), "[pool]\nsize = 4\nmax-keys = 1\n");

        IronboxConfig config = ConfigLayers.merge(List.of(reader.parse(new ConfigFile(project, Origin.PROJECT))),
                (location, sha256) -> false, dir);

        assertThat(config.project().orElseThrow().needingTrust()).containsOnlyKeys(ConfigKey.POOL_SIZE);
        SettingsLayer layer = config.layer();
        assertThat(layer.value(SettingKey.POOL_MAX_KEYS)).as("fewer keys narrows").contains(1);
        assertThatThrownBy(() -> layer.get(SettingKey.POOL_SIZE))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pool.size = 4").hasMessageContaining("not trusted");
        assertThat(ConfigLayers.merge(List.of(reader.parse(new ConfigFile(project, Origin.PROJECT))),
                (location, sha256) -> true, dir).layer().value(SettingKey.POOL_SIZE)).contains(4);
    }
}
