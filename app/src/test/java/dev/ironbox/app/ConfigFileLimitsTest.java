package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a config file may not do: allow full access, reach outside its directory, or (a project's) route secrets. */
class ConfigFileLimitsTest {

    @TempDir
    Path root;

    private final TomlConfigReader reader = new TomlConfigReader();

    @Test
    void noFileMaySetAllowFullAccessHoweverItIsWritten() throws Exception {
        Path project = Files.createDirectory(root.resolve("project"));
        for (String text : List.of("[run]\nallow-full-access = true\n", "[run]\nallow-full-access = false\n",
                "run.allow-full-access = true\n", "[run]\nallow-full-access = \"yes\"\n")) {
            Path file = Files.writeString(project.resolve("ironbox.toml"), text);
            for (Origin origin : Origin.values()) {
                assertThatThrownBy(() -> reader.parse(new ConfigFile(file, origin))).as(origin + ": " + text)
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage("run.allow-full-access cannot be set in a config file (" + file
                                + "): give --allow-full-access on the command line");
            }
        }
        Path misplaced = Files.writeString(project.resolve("ironbox.toml"), "allow-full-access = true\n");
        assertThatThrownBy(() -> reader.read(new ConfigFile(misplaced, Origin.USER)))
                .hasMessage("allow-full-access cannot be set in a config file (" + misplaced
                        + "): give --allow-full-access on the command line");
    }

    @Test
    void aWorkspaceOutsideTheFilesDirectoryIsRefused() throws Exception {
        Path project = Files.createDirectories(root.resolve("home/project"));
        for (String outside : List.of("..", "../..", root.toString(), "sub/../..")) {
            Files.createDirectories(project.resolve("sub"));
            Path file = Files.writeString(project.resolve("ironbox.toml"), "[run]\nworkspace = '" + outside + "'\n");
            Path real = project.resolve(outside).normalize().toRealPath();
            for (Origin origin : Origin.values()) {
                assertThatThrownBy(() -> reader.parse(new ConfigFile(file, origin))).as(origin + ": " + outside)
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage("key 'run.workspace' in " + file + ": '" + outside + "' (" + real + ") is outside "
                                + project.toRealPath() + ", the config file's directory: a config file's workspace "
                                + "must be its own directory or one below it; give --workspace on the command line "
                                + "for another");
            }
        }
    }

    @Test
    void aSymlinkInTheFilesDirectoryDoesNotLeadTheWorkspaceOut() throws Exception {
        Path project = Files.createDirectories(root.resolve("project"));
        Path secret = Files.createDirectories(root.resolve("home"));
        Files.createSymbolicLink(project.resolve("link"), secret);
        Path file = Files.writeString(project.resolve("ironbox.toml"), "[run]\nworkspace = \"link\"\n");

        assertThatThrownBy(() -> reader.parse(new ConfigFile(file, Origin.PROJECT)))
                .hasMessageStartingWith("key 'run.workspace' in " + file + ": 'link' (" + secret.toRealPath()
                        + ") is outside " + project.toRealPath());
    }

    @Test
    void aWorkspaceInTheFilesDirectoryOrBelowIsItsRealPath() throws Exception {
        Path project = Files.createDirectories(root.resolve("project/src/main"));
        Path dir = project.getParent().getParent();
        Files.createSymbolicLink(dir.resolve("inner"), project);
        for (Map.Entry<String, Path> entry : Map.of(".", dir, "src", dir.resolve("src"), "src/main/..",
                dir.resolve("src"), "inner", project, dir.toString(), dir).entrySet()) {
            Path file = Files.writeString(dir.resolve("ironbox.toml"), "[run]\nworkspace = '" + entry.getKey() + "'\n");
            assertThat(reader.parse(new ConfigFile(file, Origin.PROJECT)).values().get(ConfigKey.RUN_WORKSPACE).text())
                    .as(entry.getKey()).isEqualTo(entry.getValue().toRealPath().toString());
        }
    }

    @Test
    void aProjectsFileMayNotSetCredentialsOrAnUpstreamCa() throws Exception {
        Path project = Files.createDirectory(root.resolve("project"));
        Files.writeString(project.resolve("ca.pem"), "pem");
        Map<String, String> cases = Map.of(
                "[network]\ncredentials = [\"evil.example=GITHUB_TOKEN\"]\n", "network.credentials --credential",
                "network.credentials = []\n", "network.credentials --credential",
                "[network]\nupstream-ca = \"ca.pem\"\n", "network.upstream-ca --upstream-ca");
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            Path file = Files.writeString(project.resolve("ironbox.toml"), entry.getKey());
            String[] keyAndFlag = entry.getValue().split(" ");
            assertThatThrownBy(() -> reader.parse(new ConfigFile(file, Origin.PROJECT))).as(entry.getKey())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage(keyAndFlag[0] + " in " + file + " (a project's file, found in the working directory)"
                            + " is refused: a project must not choose where your secrets go; put it in "
                            + "~/.config/ironbox/config.toml (or the file $IRONBOX_CONFIG names) or pass "
                            + keyAndFlag[1]);
        }
    }

    @Test
    void aFileTheUserChoseMaySetCredentialsAndAnUpstreamCa() throws Exception {
        Path dir = Files.createDirectory(root.resolve("mine"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        Path file = Files.writeString(dir.resolve("config.toml"), """
                [network]
                allow-domains = ["api.example.com"]
                credentials = ["api.example.com=EXAMPLE_KEY"]
                upstream-ca = "ca.pem"
                """);
        for (Origin origin : List.of(Origin.USER, Origin.VARIABLE, Origin.NAMED)) {
            IronboxConfig config = reader.read(new ConfigFile(file, origin));
            assertThat(config.credentials()).as(origin.name())
                    .containsExactly(CredentialMapping.bearer("api.example.com", "EXAMPLE_KEY"));
            assertThat(config.upstreamCa()).as(origin.name()).contains(ca);
        }
    }

    @Test
    void aProjectsFileMayStillAllowHostsOnceTrusted() throws Exception {
        Path file = Files.writeString(root.resolve("ironbox.toml"), "[network]\nallow-domains = [\"example.com\"]\n");

        // not refused as a secret's destination is: it only needs trust (ProjectTrustTest)
        assertThat(reader.parse(new ConfigFile(file, Origin.PROJECT)).values().get(ConfigKey.ALLOW_DOMAINS).value())
                .isEqualTo(List.of("example.com"));
    }

    @Test
    void theLookupTellsAProjectsFileFromTheUsersOwn() throws Exception {
        Path cwd = Files.createDirectory(root.resolve("cwd"));
        String credentials = "[network]\ncredentials = [\"api.example.com=EXAMPLE_KEY\"]\n";
        Path user = Files.createDirectories(root.resolve(".config/ironbox")).resolve("config.toml");
        Files.writeString(user, credentials);
        Map<String, String> env = Map.of("HOME", root.toString());
        ConfigSource source = new ConfigSource(env, cwd, ConfigLocation.lookup(), reader);
        assertThat(source.load().credentials()).hasSize(1);

        Path local = Files.writeString(cwd.resolve("ironbox.toml"), credentials);
        assertThatThrownBy(source::load).hasMessageStartingWith("network.credentials in " + local
                + " (a project's file");

        ConfigSource named = new ConfigSource(Map.of("HOME", root.toString(), "IRONBOX_CONFIG", local.toString()), cwd,
                ConfigLocation.lookup(), reader);
        assertThat(named.load().credentials()).as("the same file, chosen by the user").hasSize(1);
    }
}
