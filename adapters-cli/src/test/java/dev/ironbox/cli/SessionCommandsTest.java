package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.StreamType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCommandsTest {

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();
    private Console console;

    @BeforeEach
    void setUp() {
        console = new Console(factory, cwd, Map.of());
    }

    @Test
    void startPrintsTheIdOfADetachedSessionWithCoreDefaults() {
        assertThat(console.execute("session", "start")).as(console.err()).isEqualTo(ExitCodes.OK);

        assertThat(console.out()).isEqualTo("s1\n");
        assertThat(factory.openedRuntime).as("what configuration picked").isEqualTo("fake");
        SessionRequest request = factory.sessionRequests.get(0);
        assertThat(request.detached()).isTrue();
        assertThat(request.idleTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(request.workspace()).isEqualTo(cwd.toAbsolutePath());
        assertThat(request.policy()).isEqualTo(SandboxPolicy.READ_ONLY);
        assertThat(request.image()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(request.limits()).isEqualTo(ResourceLimits.builder().build());
        assertThat(request.egress().allowsAnything()).isFalse();
        assertThat(factory.closed).as("the CLI's sandbox handle is closed; the session is detached").isTrue();
    }

    @Test
    void startIgnoresTheConfigFilesNetworkWithANoteButPassesAllowedHostsOfFlagsOnToBeRefused() {
        console.configured = () -> new EgressSettings(List.of("config.example.com"), List.of(),
                java.util.Optional.of(false), java.util.Optional.empty());

        assertThat(console.execute("session", "start")).as(console.err()).isEqualTo(ExitCodes.OK);
        assertThat(factory.sessionRequests.get(0).egress().allowsAnything()).isFalse();
        assertThat(console.err()).contains("config file's [network] settings do not apply");

        assertThat(console.execute("session", "start", "--allow-domain", "flag.example.com")).isEqualTo(ExitCodes.OK);
        assertThat(factory.sessionRequests.get(1).egress().allowsAnything())
                .as("a flag's host reaches core, which refuses a detached session with network").isTrue();
    }

    @Test
    void startTakesTheRunOptionsAndTheTtl() throws Exception {
        int code = console.execute("session", "start", "--runtime", "docker", "--policy", "rw", "--memory", "1g",
                "--pids", "64", "--env", "A=1", "--ttl", "1h", "--json");

        assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
        SessionRequest request = factory.sessionRequests.get(0);
        assertThat(request.policy()).isEqualTo(SandboxPolicy.WORKSPACE_WRITE);
        assertThat(request.limits().memoryBytes()).isEqualTo(1L << 30);
        assertThat(request.limits().pidsLimit()).isEqualTo(64);
        assertThat(request.env()).containsExactly(Map.entry("A", "1"));
        assertThat(request.idleTtl()).isEqualTo(Duration.ofHours(1));
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("id").asText()).isEqualTo("s1");
        assertThat(json.get("runtime").asText()).isEqualTo("docker");
        assertThat(json.get("container").asText()).isEqualTo("c-s1");
        assertThat(json.get("image").asText()).isEqualTo(SandboxSettings.DEFAULT_IMAGE);
        assertThat(json.get("policy").asText()).isEqualTo("workspace_write");
        assertThat(json.get("ttl").asText()).isEqualTo("1h");
        assertThat(JsonNames.of(json)).containsExactly("id", "runtime", "container", "image", "policy", "ttl",
                "expires");
    }

    @Test
    void startRefusesAFullAccessPolicyAndATooShortTtl() {
        assertThat(console.execute("session", "start", "--policy", "full_access", "--allow-full-access"))
                .isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).contains("a session is always sandboxed");
        assertThat(console.execute("session", "start", "--ttl", "1s")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).contains("TTL must be at least 2s");
        assertThat(factory.sessionRequests).isEmpty();
    }

    @Test
    void startGivesAMaxLifetimeOfADayOrTheTtlWhenLongerOrWhatTheFlagOrFileSays() throws Exception {
        assertThat(console.execute("session", "start")).as(console.err()).isZero();
        assertThat(console.execute("session", "start", "--ttl", "48h")).as(console.err()).isZero();
        assertThat(console.execute("session", "start", "--max-lifetime", "8h", "--json")).as(console.err()).isZero();
        String json = console.out().lines().reduce((first, last) -> last).orElseThrow();
        assertThat(new ObjectMapper().readTree(json).get("expires").asText()).isNotBlank();
        console.runConfiguration = new FileConfiguration(cwd.resolve("ironbox.toml"),
                Map.of("--max-lifetime", "90m"), List.of());
        assertThat(console.execute("session", "start")).as(console.err()).isZero();

        assertThat(factory.sessionRequests).extracting(SessionRequest::maxLifetime).containsExactly(
                Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(8), Duration.ofMinutes(90));
        assertThat(console.execute("session", "start", "--max-lifetime", "1s")).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(console.err()).contains("max lifetime must be at least 2s");
    }

    @Test
    void startUsesTheConfigFileAndAFlagWins() {
        console.runConfiguration = new FileConfiguration(cwd.resolve("ironbox.toml"),
                Map.of("--memory", "256m", "--ttl", "5m", "--image", "file-image:1"), List.of("FROM_FILE=1"));

        assertThat(console.execute("session", "start", "--image", "flag-image:2", "--env", "FROM_FLAG=2"))
                .as(console.err()).isZero();

        SessionRequest request = factory.sessionRequests.get(0);
        assertThat(request.limits().memoryBytes()).isEqualTo(256L << 20);
        assertThat(request.idleTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(request.image()).isEqualTo("flag-image:2");
        assertThat(request.env()).containsExactly(Map.entry("FROM_FILE", "1"), Map.entry("FROM_FLAG", "2"));
    }

    @Test
    void execTakesOptionsAfterTheIdAndTheCommandAfterDashes() {
        session("s1", "fake");
        factory.emit(StreamType.STDOUT, "live out\n");
        factory.emit(StreamType.STDERR, "live err\n");
        factory.execAnswer = request -> FakeSandboxFactory.result(
                RunRequest.builder().command(List.of("x")).workspace(cwd).image("i").build())
                .exitCode(3).build();

        int code = console.execute("session", "exec", "s1", "--timeout", "2s", "--max-output", "1k", "--env", "A=1",
                "--", "sh", "-c", "echo --json");

        assertThat(code).as(console.err()).isEqualTo(3);
        assertThat(console.out()).isEqualTo("live out\n");
        assertThat(console.err()).isEqualTo("live err\n");
        SessionExecRequest request = factory.execRequests.get(0);
        assertThat(request.sessionId()).isEqualTo("s1");
        assertThat(request.command()).containsExactly("sh", "-c", "echo --json");
        assertThat(request.env()).containsExactly(Map.entry("A", "1"));
        assertThat(request.limits().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(request.limits().maxOutputBytes()).isEqualTo(1024);
    }

    @Test
    void execOfATimedOutCommandExits124AndJsonHasRunsShape() throws Exception {
        session("s1", "fake");
        factory.execAnswer = request -> FakeSandboxFactory.result(
                RunRequest.builder().command(List.of("x")).workspace(cwd).image("i").build())
                .exitCode(137).timedOut(true).stdout("partial").build();

        assertThat(console.execute("session", "exec", "s1", "--json", "--", "sleep", "30"))
                .isEqualTo(ExitCodes.TIMEOUT);

        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("timedOut").asBoolean()).isTrue();
        assertThat(json.get("stdout").asText()).isEqualTo("partial");
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(JsonNames.of(new ObjectMapper().readTree(
                CliJson.write(JsonResult.of(factory.execAnswer.apply(null))))));
    }

    @Test
    void execsJsonHasTheTimingsOfItsPhasesAndSaysNotPooled() throws Exception {
        session("s1", "fake");
        factory.execAnswer = request -> FakeSandboxFactory.result(
                RunRequest.builder().command(List.of("x")).workspace(cwd).image("i").build())
                .putTimings(RunPhase.DRAIN, Duration.ofMillis(2)).putTimings(RunPhase.START, Duration.ofMillis(7))
                .putTimings(RunPhase.WAIT, Duration.ofMillis(30)).build();

        assertThat(console.execute("session", "exec", "s1", "--json", "--", "true")).as(console.err()).isZero();

        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("pooled").asBoolean()).isFalse();
        assertThat(JsonNames.of(json.get("timings"))).containsExactly("start", "wait", "drain");
        assertThat(json.get("timings").get("wait").asLong()).isEqualTo(30);
    }

    @Test
    void execFindsASessionOnAnotherRuntimeWhenTheSelectedOneDoesNotHaveIt() {
        session("s9", "docker");

        assertThat(console.execute("session", "exec", "s9", "--", "true")).as(console.err()).isZero();

        assertThat(factory.execRequests).hasSize(1);
        assertThat(factory.openedRuntime).isEqualTo("docker");
    }

    @Test
    void execSkipsARuntimeThatDoesNotAnswer() {
        session("s9", "docker");
        factory.unreachable.add("fake");

        assertThat(console.execute("session", "exec", "s9", "--", "true")).as(console.err()).isZero();
    }

    @Test
    void anUnknownIdIsOneLineAndExit125() {
        session("s1", "docker");

        assertThat(console.execute("session", "exec", "nope", "--", "true")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(console.err().lines()).hasSize(1);
        assertThat(console.err()).startsWith("ironbox: no session 'nope' on fake or docker");
        assertThat(factory.execRequests).isEmpty();
    }

    @Test
    void anUnknownIdSaysWhichRuntimesCouldNotBeAsked() {
        factory.unreachable.add("docker");

        assertThat(console.execute("session", "stop", "nope")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(console.err()).startsWith("ironbox: no session 'nope' on fake; could not ask docker: "
                + "docker does not answer");
    }

    @Test
    void execWithoutACommandIsRefused() {
        session("s1", "fake");

        assertThat(console.execute("session", "exec", "s1")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(console.err()).contains("no command given", "session exec s1 -- echo hi");
    }

    @Test
    void stopRemovesTheSessionAndPrintsItsId() {
        session("s1", "docker");

        assertThat(console.execute("session", "stop", "s1")).as(console.err()).isZero();

        assertThat(factory.stopped).containsExactly("s1");
        assertThat(factory.sessions).isEmpty();
        assertThat(console.out()).isEqualTo("s1\n");
    }

    @Test
    void lsListsTheSessionsOfEveryRuntimeOldestFirst() throws Exception {
        factory.sessions.put("new", info("new", "fake", Instant.now().minusSeconds(30), true));
        factory.sessions.put("old", info("old", "docker", Instant.now().minusSeconds(7200), false));

        assertThat(console.execute("session", "ls")).as(console.err()).isZero();

        List<String> lines = console.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("RUNTIME", "AGE", "POLICY", "IMAGE", "STATE", "TTL");
        assertThat(lines.get(1)).startsWith("old").contains("docker", "2h", "readonly", "img:1", "stopped", "30m");
        assertThat(lines.get(2)).startsWith("new").contains("fake", "running");
        assertThat(lines).hasSize(3);

        console = new Console(factory, cwd, Map.of());
        assertThat(console.execute("session", "ls", "--runtime", "docker", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("id").asText()).isEqualTo("old");
        assertThat(json.get(0).get("state").asText()).isEqualTo("stopped");
        assertThat(json.get(0).get("ageSeconds").asLong()).isBetween(7200L, 7300L);
        assertThat(json.get(0).get("ttl").asText()).isEqualTo("30m");
        assertThat(JsonNames.of(json.get(0))).containsExactly("id", "runtime", "container", "image", "policy",
                "created", "ageSeconds", "state", "ttl", "detached", "expires");
    }

    @Test
    void everySessionCommandHasHelpWithExamplesAndAVersion() {
        for (String command : List.of("start", "exec", "stop", "ls")) {
            console = new Console(factory, cwd, Map.of());
            assertThat(console.execute("session", command, "--help")).isZero();
            assertThat(console.out()).contains("Examples:", "ironbox session " + command);
            console = new Console(factory, cwd, Map.of());
            assertThat(console.execute("session", command, "--version")).isZero();
            assertThat(console.out()).startsWith("ironbox ");
        }
    }

    private void session(String id, String runtime) {
        factory.sessions.put(id, info(id, runtime, Instant.now(), true));
    }

    private static SessionInfo info(String id, String runtime, Instant created, boolean running) {
        return new SessionInfo(id, runtime, new ContainerId("c-" + id), "img:1", SandboxPolicy.READ_ONLY, created,
                Duration.ofMinutes(30), running, true);
    }
}
