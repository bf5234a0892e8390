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
import dev.ironbox.core.label.SandboxUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ironbox session} and {@code ironbox cp} on a real engine, in-process through the composition root. Each
 * engine's IT extends this in a few lines; with no engine they fail, never skip. Every session a test starts is
 * stopped afterwards, and its container must be gone.
 */
abstract class SessionCliContract {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> started = new ArrayList<>();
    private final List<ContainerId> containers = new ArrayList<>();
    private Path workspace;

    /** {@code docker} or {@code podman}. */
    protected abstract String runtime();

    @BeforeEach
    void createWorkspace() throws Exception {
        // world-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it
        workspace = Path.of("target", "session-cli-it-" + runtime()).toAbsolutePath();
        Files.createDirectories(workspace);
    }

    @AfterEach
    void stopsItsSessionsAndLeavesNoContainer() {
        for (String id : started) {
            ironbox("session", "stop", id); // already stopped by the test is fine: it says so and exits 125
        }
        if (!containers.isEmpty()) {
            assertThat(managedContainers()).as("containers of the sessions this test started")
                    .doesNotContainAnyElementsOf(containers);
        }
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @Test
    void aFileWrittenByOneExecIsReadByTheNextAndStopRemovesTheContainer() throws Exception {
        String id = start();

        assertThat(ironbox("session", "exec", id, "--", "sh", "-c", "echo kept > /tmp/f; id -u")).as(err())
                .isZero();
        assertThat(out()).isEqualTo(SandboxUser.current().uid() + "\n");
        assertThat(ironbox("session", "exec", id, "--json", "--", "cat", "/tmp/f")).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("stdout").asText()).isEqualTo("kept\n");
        assertThat(json.get("runtime").asText()).isEqualTo(runtime());

        assertThat(ironbox("session", "ls", "--runtime", runtime())).as(err()).isZero();
        assertThat(out()).contains(id, runtime(), "running");

        ContainerId container = containers.get(0);
        assertThat(managedContainers()).contains(container);
        assertThat(ironbox("session", "stop", id)).as(err()).isZero();
        assertThat(out()).isEqualTo(id + "\n");
        assertThat(managedContainers()).doesNotContain(container);
        assertThat(ironbox("session", "exec", id, "--", "true")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: no session '" + id + "'");
    }

    @Test
    void anExecTimeoutExits124PromptlyAndTheSessionStillAnswers() {
        String id = start();
        long begun = System.nanoTime();

        int code = ironbox("session", "exec", id, "--timeout", "2s", "--", "sleep", "30");

        assertThat(code).as(err()).isEqualTo(124);
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(Duration.ofSeconds(15));
        assertThat(ironbox("session", "exec", id, "--", "echo", "alive")).as(err()).isZero();
        assertThat(out()).isEqualTo("alive\n");
    }

    @Test
    void anUnknownIdIsOneLineAndExit125() {
        assertThat(ironbox("session", "exec", "0123456789ab", "--", "true")).isEqualTo(125);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: no session '0123456789ab'");

        assertThat(ironbox("session", "stop", "no-such-session")).isEqualTo(125);
        assertThat(err()).startsWith("ironbox: no session 'no-such-session'");
    }

    @Test
    void aSessionThatAllowsAHostIsRefusedAndLeavesNothing() {
        assertThat(ironbox("session", "start", "--runtime", runtime(), "--allow-domain", "example.com")).isEqualTo(125);

        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: a detached session cannot reach the network");
        assertThat(out()).isEmpty();
    }

    @Test
    void copiesADirectoryInAndBackOut() throws Exception {
        String id = start();
        Path source = Files.createDirectories(workspace.resolve("in-" + System.nanoTime()).resolve("data"));
        Files.writeString(source.resolve("a.txt"), "alpha\n");
        Files.createDirectories(source.resolve("sub"));
        Files.writeString(source.resolve("sub").resolve("b.txt"), "beta\n");
        Path back = workspace.resolve("out-" + System.nanoTime());

        assertThat(ironbox("cp", source.toString(), id + ":/tmp/box")).as(err()).isZero();
        assertThat(err()).startsWith("copied 2 files, 2 directories, 11 bytes: ");
        assertThat(ironbox("session", "exec", id, "--", "cat", "/tmp/box/data/a.txt", "/tmp/box/data/sub/b.txt"))
                .as(err()).isZero();
        assertThat(out()).isEqualTo("alpha\nbeta\n");

        assertThat(ironbox("cp", id + ":/tmp/box/data", back.toString())).as(err()).isZero();
        assertThat(Files.readString(back.resolve("a.txt"))).isEqualTo("alpha\n");
        assertThat(Files.readString(back.resolve("sub").resolve("b.txt"))).isEqualTo("beta\n");
    }

    @Test
    void aCopyOverTheLimitFailsAndLeavesNothing() throws Exception {
        String id = start();
        Path big = workspace.resolve("big-" + System.nanoTime() + ".bin");
        Files.write(big, new byte[4096]);

        assertThat(ironbox("cp", "--max-size", "1k", big.toString(), id + ":/tmp/in")).isEqualTo(125);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith("ironbox: ");
        assertThat(ironbox("session", "exec", id, "--", "sh", "-c", "ls -A /tmp/in 2>/dev/null | wc -l")).isZero();
        assertThat(out().strip()).as("files left in the session").isEqualTo("0");

        assertThat(ironbox("session", "exec", id, "--", "sh", "-c", "head -c 4096 /dev/zero > /tmp/big")).isZero();
        Path back = workspace.resolve("big-out-" + System.nanoTime());
        assertThat(ironbox("cp", "--max-size", "1k", id + ":/tmp/big", back.toString())).isEqualTo(125);
        assertThat(back).doesNotExist();
    }

    /** Starts a session on this engine and remembers it (and its container) for clean-up. */
    private String start() {
        assertThat(ironbox("session", "start", "--runtime", runtime(), "--ttl", "5m", "--json")).as(err()).isZero();
        try {
            JsonNode json = new ObjectMapper().readTree(out());
            String id = json.get("id").asText();
            started.add(id);
            containers.add(new ContainerId(json.get("container").asText()));
            assertThat(json.get("runtime").asText()).isEqualTo(runtime());
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
