package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A project's {@code ./ironbox.toml} is data a sandbox (or a cloned repository) can write: its keys that would let a
 * run do more apply only once a person trusted that exact content ({@code ironbox config trust}). Through the
 * composition root, on the in-memory fixture runtime: no engine. HOME is a temporary directory, so the trust store
 * is too.
 */
class ProjectTrustTest {

    @TempDir
    Path home;

    private Path project;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createProject() throws Exception {
        project = Files.createDirectories(home.resolve("src/project"));
        Files.createDirectory(project.resolve("sub"));
        env.put("HOME", home.toString());
    }

    /** Each widening key, as the attack planted it; the command that would use it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "[run]\\npolicy = 'workspace_write'                         | run.policy = workspace_write           | run",
        "[run]\\nworkspace = 'sub'                                  | run.workspace = *                      | run",
        "[run]\\nimage = 'evil.example/tools:1'                     | run.image = evil.example/tools:1       | run",
        "[run]\\ntimeout = '1000h'                                  | run.timeout = 1000h                    | run",
        "[run]\\nmemory = '100g'                                    | run.memory = 100g                      | run",
        "[run]\\ncpus = 64                                          | run.cpus = 64                          | run",
        "[run]\\npids = 99999999                                    | run.pids = 99999999                    | run",
        "[run]\\nmax-output = '1g'                                  | run.max-output = 1g                    | run",
        "[run]\\nenv = ['LD_PRELOAD=/workspace/evil.so']            | run.env = [LD_PRELOAD=/workspace/evil.so] | run",
        "[session]\\nttl = '1000h'                                  | session.ttl = 1000h                    | session",
        "[network]\\nallow-domains = ['127.0.0.0/8', '169.254.169.254'] | network.allow-domains = [127.0.0.0/8, 169.254.169.254] | run",
        "[network]\\ndefault-domains = true                         | network.default-domains = true         | run",
    })
    void aPlantedWideningKeyIsRefusedUntilTrustedAndAgainAfterOneChangedByte(String toml, String setting,
            String command) throws Exception {
        String text = toml.replace("\\n", "\n") + "\n";
        Path file = Files.writeString(project.resolve("ironbox.toml"), text);
        String key = setting.substring(0, setting.indexOf(' '));

        assertThat(start(command)).isEqualTo(125);
        if (command.equals("session")) {
            assertThat(out()).as("nothing ran").isEmpty();
        } else { // run --json: no result, only the error object
            assertThat(out()).as("nothing ran").startsWith("{\"error\":{\"kind\":\"invalid-configuration\"");
        }
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: ./ironbox.toml sets " + key + " = ")
                .contains(" but is not trusted; review it, then run 'ironbox config trust' to apply it");
        assertThat(show().get("projectFile").get("notApplied").get(0).get("name").asText()).isEqualTo(key);
        assertThat(source(key)).doesNotStartWith("file");

        assertThat(ironbox("config", "trust")).as(err()).isZero();
        assertThat(out()).startsWith("trusted " + file + " (sha256 " + TomlConfigReader.sha256(Files.readAllBytes(file))
                + ")").contains("now applies: " + key + " = ");
        assertThat(source(key)).isEqualTo("file " + file);
        assertThat(show().get("projectFile").get("notApplied")).isEmpty();

        Files.writeString(file, text + " ");
        assertThat(start(command)).as("one more byte: untrusted again").isEqualTo(125);
        assertThat(err()).contains(key).contains("but is not trusted");
    }

    @Test
    void aTrustedPolicyAppliesToTheRun() throws Exception {
        Files.writeString(project.resolve("ironbox.toml"), "[run]\npolicy = \"workspace_write\"\n");
        assertThat(ironbox("config", "trust")).as(err()).isZero();

        assertThat(ironbox("run", "--runtime", "fixture", "--json", "--", "true")).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("policy").asText()).isEqualTo("workspace_write");
    }

    @Test
    void narrowingKeysApplyWithoutTrust() throws Exception {
        Path file = Files.writeString(project.resolve("ironbox.toml"), """
                runtime = "fixture"
                [run]
                policy = "readonly"
                workspace = "."
                timeout = "10s"
                memory = "256m"
                cpus = 0.5
                pids = 64
                max-output = "1k"
                [session]
                ttl = "1m"
                [network]
                default-domains = false
                """);

        JsonNode show = show();
        assertThat(show.get("projectFile").get("trusted").asBoolean()).isFalse();
        assertThat(show.get("projectFile").get("needsTrust")).isEmpty();
        for (String key : List.of("runtime", "run.policy", "run.workspace", "run.timeout", "run.memory", "run.cpus",
                "run.pids", "run.max-output", "session.ttl", "network.default-domains")) {
            assertThat(source(key)).as(key).isEqualTo("file " + file);
        }
        assertThat(ironbox("run", "--json", "--", "true")).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("runtime").asText()).isEqualTo("fixture");
    }

    @Test
    void aFlagThatDecidesLeavesTheUntrustedValueUnused() throws Exception {
        Files.writeString(project.resolve("ironbox.toml"), "[run]\npolicy = \"workspace_write\"\n");

        assertThat(ironbox("run", "--runtime", "fixture", "--policy", "readonly", "--json", "--", "true"))
                .as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("policy").asText()).isEqualTo("readonly");
    }

    @Test
    void theUsersOwnFileAndTheFileIronboxConfigNamesAreTrusted() throws Exception {
        String widening = "[run]\npolicy = \"workspace_write\"\npids = 99999999\n[network]\nallow-domains = "
                + "[\"example.com\"]\n";
        Path user = Files.writeString(Files.createDirectories(home.resolve(".config/ironbox")).resolve("config.toml"),
                widening);
        assertThat(source("run.policy")).isEqualTo("file " + user);
        assertThat(source("network.allow-domains")).isEqualTo("file " + user);
        Files.delete(user);

        Path local = Files.writeString(project.resolve("ironbox.toml"), widening);
        env.put("IRONBOX_CONFIG", local.toString()); // named by the person: as chosen as a flag
        assertThat(source("run.pids")).isEqualTo("file " + local);
        assertThat(source("network.allow-domains")).isEqualTo("file " + local);
        assertThat(show().get("projectFile").isNull()).isTrue();
    }

    @Test
    void aPlantedFileCannotMakeTheUsersNarrowerSettingsDisappear() throws Exception {
        Path user = Files.writeString(Files.createDirectories(home.resolve(".config/ironbox")).resolve("config.toml"),
                "[run]\npids = 64\nenv = [\"A=1\"]\n[network]\ndefault-domains = false\n");
        Path local = Files.writeString(project.resolve("ironbox.toml"), "[run]\ntimeout = \"10s\"\npids = 100\n");

        assertThat(value("run.pids")).isEqualTo("64 file " + user);
        assertThat(value("run.env")).isEqualTo("A=1 file " + user);
        assertThat(value("network.default-domains")).isEqualTo("false file " + user);
        assertThat(value("run.timeout")).isEqualTo("10s file " + local);
        assertThat(show().get("projectFile").get("notApplied").get(0).get("value").asText())
                .as("100 is more than the user's 64").isEqualTo("100");
    }

    @Test
    void anUntrustedProjectCannotMoveTheUsersPinnedRuntime() throws Exception {
        Path user = Files.writeString(Files.createDirectories(home.resolve(".config/ironbox")).resolve("config.toml"),
                "runtime = \"fixture\"\n");
        Path local = Files.writeString(project.resolve("ironbox.toml"), "runtime = \"docker\"\n");

        assertThat(value("runtime")).isEqualTo("fixture file " + user);
        assertThat(ironbox("config", "show")).isZero();
        assertThat(out()).contains("not applied: runtime = docker");

        assertThat(ironbox("config", "trust")).as(err()).isZero();
        assertThat(value("runtime")).isEqualTo("docker file " + local);
    }

    @Test
    void configShowSaysWhetherTheProjectsFileIsTrustedAndWhatWasNotApplied() throws Exception {
        Path file = Files.writeString(project.resolve("ironbox.toml"),
                "[run]\npolicy = \"workspace_write\"\ntimeout = \"10s\"\n[network]\nallow-domains = [\"127.0.0.0/8\"]\n");

        assertThat(ironbox("config", "show")).as(err()).isZero();
        assertThat(out()).startsWith("config file: " + file + " (a project's file, not trusted)"
                + System.lineSeparator() + "not applied: run.policy = workspace_write, network.allow-domains = "
                + "[127.0.0.0/8]" + System.lineSeparator()
                + "  (review it, then run 'ironbox config trust' to apply it)" + System.lineSeparator());
        assertThat(out()).containsPattern("run.timeout +10s +file " + file);
        assertThat(out()).containsPattern("run.policy +readonly +default");

        assertThat(ironbox("config", "trust")).as(err()).isZero();
        assertThat(ironbox("config", "show")).as(err()).isZero();
        assertThat(out()).startsWith("config file: " + file + " (a project's file, trusted)" + System.lineSeparator()
                + System.lineSeparator());
        JsonNode project = show().get("projectFile");
        assertThat(project.get("trusted").asBoolean()).isTrue();
        assertThat(project.get("sha256").asText()).isEqualTo(TomlConfigReader.sha256(Files.readAllBytes(file)));
        assertThat(names(project.get("needsTrust"))).containsExactly("run.policy", "network.allow-domains");
        List<String> fields = new ArrayList<>(); // the field order is the CLI contract
        project.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("path", "sha256", "trusted", "needsTrust", "notApplied");
        List<String> pair = new ArrayList<>();
        project.get("needsTrust").get(0).fieldNames().forEachRemaining(pair::add);
        assertThat(pair).containsExactly("name", "value");
    }

    @Test
    void untrustForgetsIt() throws Exception {
        Path file = Files.writeString(project.resolve("ironbox.toml"), "[run]\npolicy = \"workspace_write\"\n");
        assertThat(ironbox("config", "trust")).isZero();

        assertThat(ironbox("config", "untrust")).as(err()).isZero();
        assertThat(out()).isEqualTo("untrusted " + file + System.lineSeparator());
        assertThat(start("run")).isEqualTo(125);
        assertThat(ironbox("config", "untrust", "ironbox.toml")).isZero();
        assertThat(out()).isEqualTo(file + " was not trusted" + System.lineSeparator());
    }

    @Test
    void aLinkToAFileTrustedInAnotherProjectIsNotTrustedHere() throws Exception {
        Path trusted = Files.writeString(project.resolve("ironbox.toml"), "[run]\npolicy = \"workspace_write\"\n");
        assertThat(ironbox("config", "trust")).isZero();
        project = Files.createDirectories(home.resolve("src/other"));
        Files.createSymbolicLink(project.resolve("ironbox.toml"), trusted);

        assertThat(start("run")).isEqualTo(125);
        assertThat(err()).contains("run.policy = workspace_write but is not trusted");
    }

    @Test
    void aBrokenFileOrOneThatChoosesWhereSecretsGoIsNeverTrusted() throws Exception {
        Path file = Files.writeString(project.resolve("ironbox.toml"), "[run]\npolicy = workspace_write\n");
        assertThat(ironbox("config", "trust")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: invalid config file " + file + ", line 2");

        Files.writeString(file, "[network]\nallow-domains = [\"evil.example\"]\ncredentials = [\"evil.example=GH\"]\n");
        assertThat(ironbox("config", "trust")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: network.credentials in " + file + " (a project's file");
        assertThat(home.resolve(".config/ironbox/trusted.toml")).doesNotExist();
    }

    @Test
    void theJavaApiAppliesTheSameRuleToTheFileItFindsButTrustsAFileItIsGiven() throws Exception {
        Path file = Files.writeString(project.resolve("ironbox.toml"), "[network]\nallow-domains = [\"127.0.0.0/8\"]\n");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(sink, sink, env, project);

        assertThatThrownBy(() -> Ironbox.builder().runtime("fixture").workspace(project).build(context))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("./ironbox.toml sets network.allow-domains = [127.0.0.0/8] but is not trusted");
        try (Ironbox named = Ironbox.builder().runtime("fixture").workspace(project).configFile(file).build(context)) {
            assertThat(named.request(List.of("true")).egress().allowsAnything()).isTrue();
        }
    }

    private int start(String command) {
        return command.equals("session")
                ? ironbox("session", "start", "--runtime", "fixture")
                : ironbox("run", "--runtime", "fixture", "--json", "--", "true");
    }

    private JsonNode show() throws Exception {
        assertThat(ironbox("config", "show", "--json")).as(err()).isZero();
        return new ObjectMapper().readTree(out());
    }

    /** {@code value source} of a setting in {@code config show}. */
    private String value(String name) throws Exception {
        for (JsonNode setting : show().get("settings")) {
            if (setting.get("name").asText().equals(name)) {
                return setting.get("value").asText() + " " + setting.get("source").asText();
            }
        }
        throw new AssertionError("no setting " + name);
    }

    private String source(String name) throws Exception {
        String value = value(name);
        return value.substring(value.indexOf(value.contains(" file ") ? " file " : " default") + 1);
    }

    private static List<String> names(JsonNode pairs) {
        List<String> names = new ArrayList<>();
        pairs.forEach(pair -> names.add(pair.get("name").asText()));
        return names;
    }

    private int ironbox(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, project);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
