package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationTest {

    @TempDir
    Path root;

    @Test
    void noFileAnywhereIsFine() throws Exception {
        Path cwd = Files.createDirectory(root.resolve("cwd"));
        assertThat(ConfigLocation.lookup().find(Map.of("HOME", root.toString()), cwd)).isEmpty();
    }

    @Test
    void theProjectsFileGoesOverTheUsersAndANamedFileIsReadAlone() throws Exception {
        Path cwd = Files.createDirectory(root.resolve("cwd"));
        Path xdg = root.resolve("xdg");
        Path user = Files.createDirectories(xdg.resolve("ironbox")).resolve("config.toml");
        Files.writeString(user, "");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", xdg.toString());
        ConfigFile users = new ConfigFile(user, ConfigFile.Origin.USER);
        assertThat(ConfigLocation.lookup().find(env, cwd)).containsExactly(users);

        // a planted ./ironbox.toml adds to the user's own file: it cannot make the user's settings disappear
        Path local = Files.writeString(cwd.resolve("ironbox.toml"), "");
        assertThat(ConfigLocation.lookup().find(env, cwd))
                .containsExactly(users, new ConfigFile(local, ConfigFile.Origin.PROJECT));

        Path named = Files.writeString(root.resolve("named.toml"), "");
        assertThat(ConfigLocation.lookup().find(Map.of("XDG_CONFIG_HOME", xdg.toString(), "IRONBOX_CONFIG",
                named.toString()), cwd)).containsExactly(new ConfigFile(named, ConfigFile.Origin.VARIABLE));

        Path explicit = Files.writeString(root.resolve("explicit.toml"), "");
        assertThat(ConfigLocation.of(explicit).find(Map.of("IRONBOX_CONFIG", named.toString()), cwd))
                .containsExactly(new ConfigFile(explicit, ConfigFile.Origin.NAMED));
    }

    @Test
    void withoutXdgConfigHomeTheUsersFileIsUnderHomeDotConfig() throws Exception {
        Path cwd = Files.createDirectory(root.resolve("cwd"));
        Path user = Files.createDirectories(root.resolve(".config/ironbox")).resolve("config.toml");
        Files.writeString(user, "");

        ConfigFile users = new ConfigFile(user, ConfigFile.Origin.USER);
        assertThat(ConfigLocation.lookup().find(Map.of("HOME", root.toString()), cwd)).contains(users);
        assertThat(ConfigLocation.lookup().find(Map.of("HOME", root.toString(), "XDG_CONFIG_HOME", "relative"), cwd))
                .as("a relative XDG_CONFIG_HOME is ignored, as the XDG spec says").contains(users);
    }

    @Test
    void aFileNamedByIronboxConfigMustExist() {
        Path missing = root.resolve("nope.toml");

        assertThatThrownBy(() -> ConfigLocation.lookup().find(Map.of("IRONBOX_CONFIG", missing.toString()), root))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("config file named by IRONBOX_CONFIG " + missing + " does not exist");
        assertThatThrownBy(() -> ConfigLocation.lookup().find(Map.of("IRONBOX_CONFIG", root.toString()), root))
                .hasMessage("config file named by IRONBOX_CONFIG " + root + " is not a regular file");
        assertThatThrownBy(() -> ConfigLocation.of(missing).find(Map.of(), root))
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void relativeNamesResolveAgainstTheWorkingDirectory() throws Exception {
        Path file = Files.writeString(root.resolve("mine.toml"), "");
        assertThat(ConfigLocation.lookup().find(Map.of("IRONBOX_CONFIG", "mine.toml"), root))
                .contains(new ConfigFile(file, ConfigFile.Origin.VARIABLE));
    }
}
