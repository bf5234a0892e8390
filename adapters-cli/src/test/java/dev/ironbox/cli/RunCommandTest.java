package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private Console console;

    @BeforeEach
    void setUp() {
        console = new Console(factory, cwd, Map.of());
    }

    @Test
    void defaultsComeFromCore() {
        int code = console.execute("run", "--", "true");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(factory.openedRuntime).as("what configuration picked").isEqualTo("fake");
        assertThat(factory.openedSettings.allowFullAccess()).isFalse();
        RunRequest request = factory.requests.get(0);
        assertThat(request.command()).containsExactly("true");
        assertThat(request.workspace()).isEqualTo(cwd.toAbsolutePath());
        assertThat(request.policy()).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(request.image()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(request.limits()).isEqualTo(ResourceLimits.builder().build());
        assertThat(request.env()).isEmpty();
        assertThat(factory.closed).isTrue();
    }

    @Test
    void everyOptionMapsIntoTheRequest() throws Exception {
        Path workspace = Files.createDirectory(cwd.resolve("ws"));

        int code = console.execute("run", "--runtime", "docker", "--policy", "workspace_write", "--workspace", "ws",
                "--image", "alpine:3", "--timeout", "30s", "--memory", "512m", "--cpus", "1.5", "--pids", "100",
                "--max-output", "1k", "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", "--",
                "sh", "-c", "echo hi");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(factory.openedRuntime).isEqualTo("docker");
        RunRequest request = factory.requests.get(0);
        assertThat(request.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(request.workspace()).isEqualTo(workspace);
        assertThat(request.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(request.image()).isEqualTo("alpine:3");
        assertThat(request.limits()).isEqualTo(ResourceLimits.builder()
                .timeout(Duration.ofSeconds(30)).memoryBytes(512L << 20).cpus(1.5).pidsLimit(100)
                .maxOutputBytes(1024).build());
        assertThat(request.env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "x=y"), Map.entry("EMPTY", ""));
    }

    @Test
    void everythingAfterDoubleDashBelongsToTheCommand() {
        int code = console.execute("run", "--json", "--", "sh", "-c", "echo --policy bogus", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(factory.requests.get(0).command()).containsExactly("sh", "-c", "echo --policy bogus", "--json");
    }

    @Test
    void anUnknownOptionBeforeTheCommandSaysToPutTheCommandAfterDoubleDash() {
        assertThat(console.execute("run", "-c", "sh")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(factory.requests).isEmpty();
        assertThat(console.err()).isEqualTo("ironbox: Unknown option: '-c' (put the command and its arguments after "
                + "'--'; see 'ironbox run --help')\n");
    }

    @Test
    void anIronboxOptionAfterTheCommandsFirstWordIsNotTakenButRefused() {
        assertThat(console.execute("run", "sh", "--json", "-c", "echo hi")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(factory.requests).isEmpty();
        assertThat(console.err()).isEqualTo("ironbox: '--json' comes after the command's first word 'sh': put the "
                + "command and its arguments after '--' (ironbox run [options] -- sh --json -c 'echo hi')\n");
    }

    @Test
    void theFlagGoesToTheSelectionAndItsAnswerToTheFactory() {
        List<Optional<String>> asked = new ArrayList<>();
        Console configured = new Console(factory, cwd, Map.of(), requested -> {
            asked.add(requested);
            return new RuntimeChoice(requested.orElse("auto"), "test");
        }, () -> null);

        configured.execute("run", "--", "true");
        assertThat(factory.openedRuntime).isEqualTo("auto");
        configured.execute("run", "--runtime", "docker", "--", "true");
        assertThat(factory.openedRuntime).isEqualTo("docker");
        assertThat(asked).containsExactly(Optional.empty(), Optional.of("docker"));
    }

    @Test
    void helpListsTheKnownRuntimesAndWhereTheDefaultComesFrom() {
        assertThat(console.execute("run", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(console.out().replaceAll("\\s+", " "))
                .contains("Container runtime: auto, docker, fake.", "IRONBOX_RUNTIME", "config file", "else auto")
                .doesNotContain("Default: null");
    }

    @Test
    void allowFullAccessReachesTheSettings() {
        console.execute("run", "--allow-full-access", "--policy", "full_access", "--", "true");

        assertThat(factory.openedSettings.allowFullAccess()).isTrue();
        assertThat(factory.requests.get(0).policy()).isEqualTo(SandboxPolicy.FULL_ACCESS);
    }

    @Test
    void onlyTheFlagAllowsFullAccessNeverTheConfiguration() {
        Path file = cwd.resolve("ironbox.toml");
        // even a configuration that offers allow-full-access (the reader refuses the key) is not asked for it
        console.runConfiguration = new FileConfiguration(file,
                Map.of("--policy", "full_access", "--allow-full-access", "true"), List.of());

        assertThat(console.execute("run", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).isEqualTo("ironbox: policy full_access (from file " + file + ") runs CMD on the "
                + "host without any sandbox; add --allow-full-access to permit it" + System.lineSeparator());
        assertThat(factory.openedRuntime).as("refused before any engine is opened").isNull();
        assertThat(factory.requests).isEmpty();

        assertThat(console.execute("run", "--allow-full-access", "--", "true")).as(console.err()).isZero();
        assertThat(factory.openedSettings.allowFullAccess()).isTrue();
        assertThat(factory.requests.get(0).policy()).isEqualTo(SandboxPolicy.FULL_ACCESS);
    }

    @Test
    void outputStreamsLiveToTheMatchingStream() {
        factory.emit(StreamType.STDOUT, "out line\n");
        factory.emit(StreamType.STDERR, "err line\n");
        factory.answer = request -> FakeSandboxFactory.result(request).exitCode(3).stdout("out line\n").build();

        int code = console.execute("run", "--", "sh", "-c", "whatever");

        assertThat(code).isEqualTo(3);
        assertThat(console.out()).isEqualTo("out line\n");
        assertThat(console.err()).isEqualTo("err line\n");
    }

    @Test
    void theCommandsOwnExitCodesPassThrough() {
        for (int own : new int[] {1, ExitCodes.NOT_EXECUTABLE, ExitCodes.NOT_FOUND, 137}) {
            factory.answer = request -> FakeSandboxFactory.result(request).exitCode(own).build();
            assertThat(console.execute("run", "--", "x")).isEqualTo(own);
        }
    }

    @Test
    void aTimeoutExitsWith124() {
        factory.answer = request -> FakeSandboxFactory.result(request).exitCode(137).timedOut(true).build();

        assertThat(console.execute("run", "--timeout", "2s", "--", "sleep", "30")).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(factory.closed).isTrue();
    }

    @Test
    void jsonPrintsOneObjectWithExactlyTheDocumentedFields() throws Exception {
        factory.emit(StreamType.STDOUT, "out\n");
        factory.answer = request -> FakeSandboxFactory.result(request)
                .exitCode(3).stdout("out\n").stderr("err\n").stderrBytesDropped(5).build();

        int code = console.execute("run", "--json", "--policy", "rw", "--", "sh", "-c", "x");

        assertThat(code).isEqualTo(3);
        assertThat(console.err()).isEmpty();
        assertThat(console.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(console.out());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("exitCode", "stdout", "stderr", "durationMs", "truncated", "timedOut",
                "oomKilled", "runtime", "image", "policy", "stdoutBytesDropped", "stderrBytesDropped", "network",
                "pooled", "timings");
        assertThat(json.get("exitCode").asInt()).isEqualTo(3);
        assertThat(json.get("stdout").asText()).isEqualTo("out\n");
        assertThat(json.get("stderr").asText()).isEqualTo("err\n");
        assertThat(json.get("durationMs").asLong()).isEqualTo(42);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("timedOut").asBoolean()).isFalse();
        assertThat(json.get("oomKilled").asBoolean()).isFalse();
        assertThat(json.get("runtime").asText()).isEqualTo("docker");
        assertThat(json.get("image").asText()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(json.get("policy").asText()).isEqualTo("workspace_write");
        assertThat(json.get("stdoutBytesDropped").asLong()).isZero();
        assertThat(json.get("stderrBytesDropped").asLong()).isEqualTo(5);
        assertThat(json.get("network").isArray()).isTrue();
        assertThat(json.get("network")).isEmpty();
    }

    @Test
    void jsonSaysWhetherTheRunWasPooledAndGivesEachPhasesMillisecondsInPhaseOrder() throws Exception {
        Map<RunPhase, Duration> timings = new LinkedHashMap<>();
        timings.put(RunPhase.WAIT, Duration.ofMillis(40));
        timings.put(RunPhase.CLAIM, Duration.ofNanos(3_900_000));
        timings.put(RunPhase.HANDOVER, Duration.ofMillis(1));
        timings.put(RunPhase.DRAIN, Duration.ZERO);
        factory.answer = request -> FakeSandboxFactory.result(request).pooled(true).timings(timings).build();

        assertThat(console.execute("run", "--json", "--", "true")).as(console.err()).isZero();

        assertThat(console.out()).contains(",\"network\":[],\"pooled\":true,"
                + "\"timings\":{\"claim\":3,\"handover\":1,\"wait\":40,\"drain\":0}}");
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(JsonNames.of(json.get("timings"))).containsExactly("claim", "handover", "wait", "drain");
        assertThat(json.get("timings").get("wait").isIntegralNumber()).isTrue();
    }

    @Test
    void aColdRunsJsonSaysNotPooledAndARunWithoutTimingsHasNone() throws Exception {
        factory.answer = request -> FakeSandboxFactory.result(request).putTimings(RunPhase.CREATE,
                Duration.ofMillis(12)).putTimings(RunPhase.START, Duration.ofMillis(80)).build();
        assertThat(console.execute("run", "--json", "--", "true")).as(console.err()).isZero();
        assertThat(console.out()).contains("\"pooled\":false,\"timings\":{\"create\":12,\"start\":80}}");

        Console untimed = new Console(factory, cwd, Map.of());
        factory.answer = request -> FakeSandboxFactory.result(request).build();
        assertThat(untimed.execute("run", "--json", "--", "true")).as(untimed.err()).isZero();
        assertThat(untimed.out()).contains("\"pooled\":false,\"timings\":{}}");
    }

    @Test
    void theHumanOutputIsTheCommandsOwnWhateverThePoolAndTimings() {
        factory.emit(StreamType.STDOUT, "hi\n");
        factory.answer = request -> FakeSandboxFactory.result(request).pooled(true)
                .putTimings(RunPhase.CLAIM, Duration.ofMillis(2)).build();

        assertThat(console.execute("run", "--", "echo", "hi")).as(console.err()).isZero();

        assertThat(console.out()).isEqualTo("hi\n");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void theOneShotRunNeverStartsAPoolWhateverTheConfigFileSays() {
        Path file = cwd.resolve("ironbox.toml");
        console.runConfiguration = new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return Optional.of(file);
            }

            @Override
            public SettingsLayer settings() {
                return SettingsLayer.empty().with(SettingKey.POOL_SIZE, 2, SettingSource.file(file));
            }
        };

        assertThat(console.execute("run", "--", "true")).as(console.err()).isZero();

        assertThat(factory.openedSettings.pool()).isEqualTo(PoolSettings.off());
    }

    @Test
    void jsonKeepsTheTimeoutExitCode() throws Exception {
        factory.answer = request -> FakeSandboxFactory.result(request).exitCode(137).timedOut(true).build();

        assertThat(console.execute("run", "--json", "--", "sleep", "30")).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(new ObjectMapper().readTree(console.out()).get("timedOut").asBoolean()).isTrue();
    }

    @Test
    void helpShowsEveryOptionWithDefaultsAndAnExample() {
        assertThat(console.execute("run", "--help")).isEqualTo(ExitCodes.OK);

        // help wraps at the terminal's width: compare with single spaces
        assertThat(console.out().replaceAll("\\s+", " "))
                .contains("ironbox run -- sh -c", "--timeout", "Default: 120s", "Default: 2g", "Default: 64k",
                        "Default: 512", "Default: readonly", SandboxSettings.DEFAULT_IMAGE, "124", "125");
        for (String option : List.of("--runtime", "--policy", "--allow-full-access", "--workspace", "--image",
                "--memory", "--cpus", "--pids", "--max-output", "--env", "--allow-domain", "--credential",
                "--[no-]default-domains", "--upstream-ca", "--json")) {
            assertThat(console.out()).contains(option);
        }
    }

    @Test
    void topCommandHasVersionAndHelp() {
        assertThat(console.execute("--version")).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).startsWith("ironbox ");

        assertThat(console.execute("--help")).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).contains("run", "Example");
    }
}
