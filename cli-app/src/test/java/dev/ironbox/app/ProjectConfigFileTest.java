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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloned project's {@code ./ironbox.toml}, through the composition root: it cannot make {@code ironbox run} run on
 * the host, mount what lies outside it, or choose where secrets go. Each refusal is one line and exit 125, before
 * anything runs (the command would leave a marker file).
 */
class ProjectConfigFileTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void fullAccessWithAllowFullAccessInTheFileDoesNotRunOnTheHost() throws Exception {
        Path project = project("[run]\npolicy = \"full_access\"\nallow-full-access = true\n");
        Path marker = project.resolve("ran-on-the-host");

        int code = ironbox(project, "run", "--", "touch", marker.toString());

        assertThat(code).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: run.allow-full-access cannot be set in a config file ("
                + project.resolve("ironbox.toml") + "): give --allow-full-access on the command line"
                + System.lineSeparator());
        assertThat(marker).doesNotExist();
    }

    @Test
    void fullAccessFromTheFileNeedsTrustAndThenStillTheFlag() throws Exception {
        Path project = project("[run]\npolicy = \"full_access\"\n");
        Path marker = project.resolve("ran-on-the-host");

        assertThat(ironbox(project, "run", "--", "touch", marker.toString())).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: ./ironbox.toml sets run.policy = full_access but is not trusted; "
                + "review it, then run 'ironbox config trust' to apply it, or give --policy to choose yourself "
                + "('ironbox config show' lists what it would change)" + System.lineSeparator());

        assertThat(ironbox(project, "config", "trust")).as(err()).isZero();
        err.reset();
        assertThat(ironbox(project, "run", "--", "touch", marker.toString())).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: policy full_access (from file " + project.resolve("ironbox.toml")
                + ") runs CMD on the host without any sandbox; add --allow-full-access to permit it"
                + System.lineSeparator());
        assertThat(marker).doesNotExist();
    }

    @Test
    void configShowTakesAllowFullAccessOnlyFromTheFlag() throws Exception {
        Path project = project("[run]\npolicy = \"full_access\"\n");

        assertThat(ironbox(project, "config", "show", "--json")).as(err()).isZero();
        assertThat(setting("run.allow-full-access")).isEqualTo("false default");

        out.reset();
        assertThat(ironbox(project, "config", "show", "--json", "--allow-full-access")).as(err()).isZero();
        assertThat(setting("run.allow-full-access")).isEqualTo("true flag --allow-full-access");
    }

    @Test
    void aWorkspaceOutsideTheProjectIsRefused() throws Exception {
        Path project = project("[run]\nworkspace = \"../..\"\n");

        assertThat(ironbox(project, "run", "--", "true")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: key 'run.workspace' in " + project.resolve("ironbox.toml")
                + ": '../..' (" + home.toRealPath() + ") is outside " + project.toRealPath());
    }

    @Test
    void credentialsInTheProjectsFileAreRefusedButTheUsersFileMaySetThem() throws Exception {
        String credentials = "[network]\ncredentials = [\"evil.example=GITHUB_TOKEN\"]\n";
        Path project = project(credentials);

        assertThat(ironbox(project, "run", "--", "true")).isEqualTo(125);
        assertThat(err()).isEqualTo("ironbox: network.credentials in " + project.resolve("ironbox.toml")
                + " (a project's file, found in the working directory) is refused: a project must not choose where "
                + "your secrets go; put it in ~/.config/ironbox/config.toml (or the file $IRONBOX_CONFIG names) or "
                + "pass --credential" + System.lineSeparator());

        Files.delete(project.resolve("ironbox.toml"));
        Path user = Files.createDirectories(home.resolve(".config/ironbox")).resolve("config.toml");
        Files.writeString(user, credentials);
        err.reset();
        assertThat(ironbox(project, "config", "show", "--json")).as(err()).isZero();
        assertThat(setting("network.credentials")).isEqualTo("evil.example=GITHUB_TOKEN,bearer file " + user);
    }

    private Path project(String config) throws Exception {
        Path project = Files.createDirectories(home.resolve("src/project"));
        Files.writeString(project.resolve("ironbox.toml"), config);
        return project;
    }

    private int ironbox(Path cwd, String... args) {
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", home.toString()), cwd);
        return CliComponent.create(context).commandLine().execute(args);
    }

    /** {@code value source} of one setting in {@code config show --json}. */
    private String setting(String name) throws Exception {
        for (JsonNode setting : new ObjectMapper().readTree(out()).get("settings")) {
            if (setting.get("name").asText().equals(name)) {
                return setting.get("value").asText() + " " + setting.get("source").asText();
            }
        }
        throw new AssertionError("no setting " + name + " in " + out());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
