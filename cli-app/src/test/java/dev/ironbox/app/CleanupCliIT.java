package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ironbox ps} and {@code ironbox cleanup} on the real engines: a container left by an Ironbox process killed
 * with {@code kill -9} is listed as orphaned and removed; a container of a live Ironbox process and a container
 * without Ironbox's labels are kept. Never {@code cleanup --all}: other tests share the engines.
 */
class CleanupCliIT {

    /** World-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it. */
    private static final Path WORKSPACE = Path.of("target", "cleanup-cli-it-workspace").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final InProcessCli cli = new InProcessCli(WORKSPACE);
    private final List<String> engineContainers = new ArrayList<>();
    private Process killed;
    private String engine;

    @BeforeAll
    static void provisionTheDefaultImage() throws Exception {
        Files.createDirectories(WORKSPACE);
        for (String engine : List.of("docker", "podman")) {
            InProcessCli.Outcome ran = new InProcessCli(WORKSPACE).ironbox("run", "--runtime", engine, "--", "true");
            assertThat(ran.code()).as(engine + ": " + ran).isZero();
        }
    }

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        if (killed != null) {
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (String container : engineContainers) {
            engineCli(engine, "rm", "-f", container);  // the orphan too, should cleanup have failed
        }
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void cleanupRemovesTheContainerOfAKilledProcessAndNothingElse(String engine) throws Exception {
        this.engine = engine;
        String unlabelled = "ironbox-it-unlabelled-" + UUID.randomUUID().toString().substring(0, 8);
        engineContainers.add(unlabelled);
        Engine started = engineCli(engine, "run", "-d", "--name", unlabelled, SandboxSettings.DEFAULT_IMAGE,
                "sleep", "120");
        assertThat(started.code()).as(started.output()).isZero();

        // a live owner: this JVM, running a sandbox on another thread
        long me = ProcessHandle.current().pid();
        AtomicReference<InProcessCli.Outcome> liveRun = new AtomicReference<>();
        Thread live = new Thread(() -> liveRun.set(
                cli.ironbox("run", "--runtime", engine, "--timeout", "150s", "--", "sleep", "61")), "live-run");
        live.start();
        try {
            JsonNode liveContainer = await("this JVM's run", sandbox -> sandbox.get("ownerPid").asLong() == me
                    && sandbox.get("runtime").asText().equals(engine)
                    && sandbox.get("command").toString().equals("[\"sleep\",\"61\"]"));

            // a dead owner: a separate ironbox process, killed with SIGKILL mid-run
            killed = startIronbox("run", "--runtime", engine, "--", "sleep", "300");
            long child = killed.pid();
            JsonNode orphan = await("the separate process's run", sandbox -> sandbox.get("ownerPid").asLong() == child);
            engineContainers.add(orphan.get("id").asText());
            assertThat(orphan.get("runtime").asText()).isEqualTo(engine);
            assertThat(orphan.get("kind").asText()).isEqualTo("run");
            assertThat(orphan.get("ownerAlive").asBoolean()).isTrue();
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

            JsonNode left = find(ps(engine), orphan.get("id").asText()).orElseThrow(
                    () -> new AssertionError("kill -9 left no container: nothing to clean up"));
            assertThat(left.get("ownerAlive").asBoolean()).as("its owner is dead").isFalse();

            InProcessCli.Outcome cleanup = cli.ironbox("cleanup", "--runtime", engine);

            assertThat(cleanup.code()).as(cleanup.toString()).isZero();
            String shortId = orphan.get("id").asText().substring(0, 12);
            assertThat(cleanup.out()).contains(engine + ": removed container " + shortId);
            JsonNode after = ps(engine);
            assertThat(find(after, orphan.get("id").asText())).as("the orphan is gone").isEmpty();
            assertThat(find(after, liveContainer.get("id").asText())).as("the live process's run is kept").isPresent();
            assertThat(engineCli(engine, "inspect", "-f", "{{.State.Running}}", unlabelled).output().strip())
                    .as("the unlabelled container is kept").isEqualTo("true");
        } finally {
            live.interrupt();  // as Ctrl-C would: the run removes its container and exits 125
            live.join(PATIENCE.toMillis());
        }
        assertThat(live.isAlive()).isFalse();
        assertThat(liveRun.get().err()).as(liveRun.get().toString()).contains("interrupted");
    }

    /** Polls {@code ironbox ps --json} (every runtime) until a sandbox matches. */
    private JsonNode await(String what, Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        InProcessCli.Outcome last = null;
        while (System.nanoTime() < deadline) {
            last = cli.ironbox("ps", "--json");
            assertThat(last.code()).as(last.toString()).isZero();
            for (JsonNode sandbox : new ObjectMapper().readTree(last.out()).get("sandboxes")) {
                if (match.test(sandbox)) {
                    return sandbox;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " never showed in ironbox ps; last: " + last);
    }

    private JsonNode ps(String engine) throws Exception {
        InProcessCli.Outcome listed = cli.ironbox("ps", "--json", "--runtime", engine);
        assertThat(listed.code()).as(listed.toString()).isZero();
        return new ObjectMapper().readTree(listed.out());
    }

    private static Optional<JsonNode> find(JsonNode ps, String id) {
        for (JsonNode sandbox : ps.get("sandboxes")) {
            if (sandbox.get("id").asText().equals(id)) {
                return Optional.of(sandbox);
            }
        }
        return Optional.empty();
    }

    /** {@code java -jar ironbox.jar ARGS} in the workspace, its output discarded. */
    private static Process startIronbox(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar"));
        assertThat(jar).as("the shaded jar (built in the package phase)").isRegularFile();
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(WORKSPACE.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        // a home of its own (no user's config file) beside the workspace: a workspace that is or holds the home is
        // refused
        builder.environment().put("HOME", WORKSPACE.resolveSibling("cleanup-cli-it-home").toString());
        builder.environment().remove("IRONBOX_RUNTIME");
        return builder.start();
    }

    private record Engine(int code, String output) {}

    /** The engine's own CLI ({@code docker ...}, {@code podman ...}): setup and checks outside the code under test. */
    private static Engine engineCli(String engine, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(engine));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", argv)).isTrue();
        return new Engine(process.exitValue(), output);
    }
}
