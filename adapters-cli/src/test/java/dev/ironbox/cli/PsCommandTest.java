package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PsCommandTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final SandboxSummary DOCKER_RUN = new SandboxSummary("docker",
            new ContainerId("aaaaaaaaaaaa1111"), SandboxKind.RUN, Optional.empty(), NOW.minusSeconds(90), "readonly",
            List.of("sleep", "300"), true, OptionalLong.of(4242), false);
    private static final SandboxSummary PODMAN_SESSION = new SandboxSummary("podman",
            new ContainerId("bbbbbbbbbbbb2222"), SandboxKind.SESSION, Optional.of("s-1234"), NOW.minusSeconds(7200),
            "workspace_write", List.of("sleep", "infinity"), true, OptionalLong.empty(), true);
    private static final SandboxSummary DOCKER_STOPPED = new SandboxSummary("docker",
            new ContainerId("cccccccccccc3333"), SandboxKind.RUN, Optional.empty(), NOW.minusSeconds(5), "?",
            List.of("true"), false, OptionalLong.of(7), true);

    @TempDir
    Path cwd;

    private final ScriptedSandboxes factory = new ScriptedSandboxes();
    private CapturedCli cli;

    @BeforeEach
    void setUp() {
        factory.runtime("docker").sandboxes = List.of(DOCKER_RUN, DOCKER_STOPPED);
        factory.runtime("podman").sandboxes = List.of(PODMAN_SESSION);
        cli = new CapturedCli(factory, cwd);
    }

    @Test
    void listsEveryRuntimeOldestFirst() {
        assertThat(ps()).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out().lines().toList()).containsExactly(
                "CONTAINER      KIND      SESSION   AGE   POLICY            RUNTIME   STATE               COMMAND",
                "bbbbbbbbbbbb   session   s-1234    2h    workspace_write   podman    running             "
                        + "(session: commands run through 'ironbox session exec')",
                "aaaaaaaaaaaa   run       -         1m    readonly          docker    running, orphaned   sleep 300",
                "cccccccccccc   run       -         5s    ?                 docker    stopped             true");
        assertThat(cli.err()).isEmpty();
        assertThat(factory.calls).containsExactly("open docker", "open podman");
        assertThat(factory.openSandboxes).isZero();
    }

    @Test
    void anUnreachableRuntimeIsANoteNotAFailure() {
        factory.runtime("podman").openFailure = new EngineUnavailableException(
                "no Podman engine answered\n  tried /run/podman/podman.sock", null);

        assertThat(ps()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).contains("aaaaaaaaaaaa").doesNotContain("bbbbbbbbbbbb");
        assertThat(cli.err()).isEqualTo("ironbox: note: podman did not answer: no Podman engine answered; "
                + "tried /run/podman/podman.sock\n");
    }

    @Test
    void aRuntimeGivenExplicitlyMustAnswer() {
        factory.runtime("podman").openFailure = new EngineUnavailableException("no Podman engine answered", null);

        assertThat(ps("--runtime", "podman")).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(cli.err()).isEqualTo("ironbox: no Podman engine answered\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void onlyTheRuntimeGivenIsAsked() {
        assertThat(ps("--runtime", "podman")).isEqualTo(ExitCodes.OK);

        assertThat(factory.calls).containsExactly("open podman");
        assertThat(cli.out()).contains("bbbbbbbbbbbb").doesNotContain("aaaaaaaaaaaa");
    }

    @Test
    void noRuntimeAnsweringIsAFailure() {
        factory.runtime("docker").askFailure = new EngineUnavailableException("docker went away", null);
        factory.runtime("podman").openFailure = new EngineUnavailableException("no Podman engine answered", null);

        assertThat(ps()).isEqualTo(ExitCodes.IRONBOX_FAILURE);

        assertThat(cli.err().lines().toList()).containsExactly(
                "ironbox: note: docker did not answer: docker went away",
                "ironbox: note: podman did not answer: no Podman engine answered",
                "ironbox: no runtime answered");
        assertThat(factory.openSandboxes).as("the sandbox that failed to answer is closed").isZero();
    }

    @Test
    void jsonHasEverySandboxAndTheRuntimesThatDidNotAnswer() throws Exception {
        factory.runtime("podman").openFailure = new EngineUnavailableException("podman is down", null);

        assertThat(ps("--json")).isEqualTo(ExitCodes.OK);
        // the whole output, byte for byte: field names and their order are the CLI contract
        assertThat(cli.out()).isEqualTo(
                "{\"sandboxes\":[{\"id\":\"aaaaaaaaaaaa1111\",\"runtime\":\"docker\",\"kind\":\"run\",\"sessionId\":null,"
                + "\"created\":\"2024-05-01T11:58:30Z\",\"ageSeconds\":90,\"policy\":\"readonly\",\"state\":\"running\","
                + "\"running\":true,\"ownerPid\":4242,\"ownerAlive\":false,\"command\":[\"sleep\",\"300\"]},"
                + "{\"id\":\"cccccccccccc3333\",\"runtime\":\"docker\",\"kind\":\"run\",\"sessionId\":null,"
                + "\"created\":\"2024-05-01T11:59:55Z\",\"ageSeconds\":5,\"policy\":\"?\",\"state\":\"stopped\","
                + "\"running\":false,\"ownerPid\":7,\"ownerAlive\":true,\"command\":[\"true\"]}],"
                + "\"unreachable\":[{\"runtime\":\"podman\",\"reason\":\"podman is down\"}]}"
                + System.lineSeparator());

        assertThat(cli.out().strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        JsonNode run = json.get("sandboxes").get(0);
        assertThat(run.get("id").asText()).isEqualTo("aaaaaaaaaaaa1111");
        assertThat(run.get("runtime").asText()).isEqualTo("docker");
        assertThat(run.get("kind").asText()).isEqualTo("run");
        assertThat(run.get("sessionId").isNull()).isTrue();
        assertThat(run.get("created").asText()).isEqualTo("2024-05-01T11:58:30Z");
        assertThat(run.get("ageSeconds").asLong()).isEqualTo(90);
        assertThat(run.get("policy").asText()).isEqualTo("readonly");
        assertThat(run.get("state").asText()).isEqualTo("running");
        assertThat(run.get("ownerPid").asLong()).isEqualTo(4242);
        assertThat(run.get("ownerAlive").asBoolean()).isFalse();
        assertThat(run.get("command").toString()).isEqualTo("[\"sleep\",\"300\"]");
        assertThat(json.get("sandboxes").get(1).get("state").asText()).isEqualTo("stopped");
        assertThat(json.get("unreachable").get(0).get("runtime").asText()).isEqualTo("podman");
        assertThat(json.get("unreachable").get(0).get("reason").asText()).isEqualTo("podman is down");
    }

    @Test
    void aSessionCarriesItsIdAndNoOwnerPid() throws Exception {
        assertThat(ps("--json", "--runtime", "podman")).isEqualTo(ExitCodes.OK);

        JsonNode session = new ObjectMapper().readTree(cli.out()).get("sandboxes").get(0);
        assertThat(session.get("kind").asText()).isEqualTo("session");
        assertThat(session.get("sessionId").asText()).isEqualTo("s-1234");
        assertThat(session.get("ownerPid").isNull()).isTrue();
    }

    @Test
    void aWarmPooledSandboxShowsAsPooledInTheTableAndTheJson() throws Exception {
        SandboxSummary pooled = new SandboxSummary("docker", new ContainerId("eeeeeeeeeeee5555"), SandboxKind.POOLED,
                Optional.empty(), NOW.minusSeconds(3), "readonly", List.of("/bin/sh", "-c", "read -r argv; exec ..."),
                true, OptionalLong.of(4242), true);
        factory.runtime("docker").sandboxes = List.of(pooled);

        assertThat(ps("--runtime", "docker")).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out().lines().toList()).containsExactly(
                "CONTAINER      KIND     SESSION   AGE   POLICY     RUNTIME   STATE     COMMAND",
                "eeeeeeeeeeee   pooled   -         3s    readonly   docker    running   "
                        + "(pooled: a warm sandbox for one run, then removed)");

        cli = new CapturedCli(factory, cwd);
        assertThat(ps("--runtime", "docker", "--json")).as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(cli.out()).get("sandboxes").get(0);
        assertThat(json.get("kind").asText()).isEqualTo("pooled");
        assertThat(json.get("sessionId").isNull()).isTrue();
        assertThat(json.get("command").toString()).as("--json has the shim's own command")
                .isEqualTo("[\"/bin/sh\",\"-c\",\"read -r argv; exec ...\"]");
    }

    @Test
    void everyKindHasItsOwnName() {
        assertThat(Arrays.stream(SandboxKind.values()).map(PsCommand::kind))
                .containsExactly("run", "session", "pooled");
    }

    private int ps(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "ps";
        System.arraycopy(options, 0, args, 1, options.length);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return cli.execute(c -> new picocli.CommandLine(new PsCommand(c.factory, c.selection, c.context, clock)),
                args);
    }

    @Test
    void aLongOrMultiLineCommandIsOneShortLineInTheTable() {
        SandboxSummary run = new SandboxSummary("docker", new ContainerId("dddddddddddd4444"), SandboxKind.RUN,
                Optional.empty(), NOW, "readonly", List.of("sh", "-c", "echo one\n  echo two; " + "x".repeat(80)),
                true, OptionalLong.of(1), true);

        String line = PsCommand.command(run);

        assertThat(line).startsWith("sh -c echo one echo two; xxx").endsWith("...").hasSize(60).doesNotContain("\n");
    }
}
