package dev.ironbox.app;

import dev.ironbox.cliapp.CliComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.label.OwnerLabels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session backstops through the CLI on a real engine: a timed-out command that double-forks away is gone when
 * {@code session exec} answers 124, and a session past its {@code --max-lifetime} is refused by {@code session exec}
 * with one line and removed by {@code cleanup} without {@code --all}. Each engine's IT extends this in a few lines.
 */
abstract class SessionBackstopCliContract {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> started = new ArrayList<>();
    private Path workspace;

    /** {@code docker} or {@code podman}. */
    protected abstract String runtime();

    @BeforeEach
    void createWorkspace() throws Exception {
        // world-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it
        workspace = Path.of("target", "session-backstop-cli-it-" + runtime()).toAbsolutePath();
        Files.createDirectories(workspace);
    }

    @AfterEach
    void stopsItsSessions() {
        for (String id : started) {
            ironbox("session", "stop", id); // already removed by the backstop is fine: it says so and exits 125
        }
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void aTimedOutCommandThatForkedAwayWithAScrubbedEnvironmentIsGoneWhenExecAnswers124() {
        String id = start("--ttl", "5m");

        int code = ironbox("session", "exec", id, "--timeout", "2s", "--", "sh", "-c",
                "(env -i sh -c 'sleep 300' &) ; sleep 30");

        assertThat(code).as(err()).isEqualTo(124);
        assertThat(ironbox("session", "exec", id, "--", "ps", "-o", "args")).as(err()).isZero();
        assertThat(out()).doesNotContain("sleep 300", "sleep 30");
        assertThat(ironbox("session", "exec", id, "--", "echo", "alive")).as(err()).isZero();
        assertThat(out()).isEqualTo("alive\n");
    }

    @Test
    void aSessionPastItsMaxLifetimeIsRefusedByExecInOneLineAndRemovedByCleanupWithoutAll() throws Exception {
        String refused = start("--max-lifetime", "3s");
        String swept = start("--max-lifetime", "3s");
        JsonNode sweptJson = new ObjectMapper().readTree(out());
        String sweptContainer = sweptJson.get("container").asText();
        // the later of the two deadlines
        Instant expires = Instant.parse(sweptJson.get("expires").asText());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1000);

        assertThat(ironbox("session", "exec", refused, "--", "true")).isEqualTo(125);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: session " + refused + " passed its maximum lifetime of 3s at ")
                .contains("; it was stopped, start a new session");

        // on an engine shared with other test runs, their sweeps may take it first: then there is nothing to prove
        boolean stillThere = managedContainers().contains(new ContainerId(sweptContainer));
        ironbox("cleanup", "--runtime", runtime()); // other things it finds (of other processes) may fail to go
        if (stillThere) {
            assertThat(out()).contains(runtime() + ": removed container " + sweptContainer.substring(0, 12));
        }
        assertThat(managedContainers()).doesNotContain(new ContainerId(sweptContainer));
        assertThat(ironbox("session", "exec", swept, "--", "true")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: no session '" + swept + "'");
    }

    /** Starts a detached session on this engine with {@code options}; out() then holds its JSON. */
    private String start(String... options) {
        List<String> args = new ArrayList<>(List.of("session", "start", "--runtime", runtime(), "--json"));
        args.addAll(List.of(options));
        assertThat(ironbox(args.toArray(String[]::new))).as(err()).isZero();
        try {
            JsonNode json = new ObjectMapper().readTree(out());
            String id = json.get("id").asText();
            started.add(id);
            return id;
        } catch (Exception e) {
            throw new AssertionError("session start --json printed: " + out(), e);
        }
    }

    private List<ContainerId> managedContainers() {
        for (ContainerRuntimeProvider provider : RuntimeRegistry.fromServiceLoader().providers()) {
            if (provider.id().equals(runtime())) {
                try (ContainerRuntime engine = provider.create()) {
                    return engine.lifecycle().listByLabel(OwnerLabels.MANAGED, "true");
                }
            }
        }
        throw new AssertionError("runtime " + runtime() + " is not installed");
    }

    /** Runs the CLI in-process; out() and err() then hold what this call printed. */
    private int ironbox(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", workspace.toString()), workspace);
        return CliComponent.create(context).commandLine().execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
