package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine goes away: its API process is restarted (stopped, and started again) while a run, a session exec or a
 * copy is in flight, and while the runtime is idle. A call in flight ends with one clear Ironbox error — no hang: each
 * test's own timeout is far below the calls' deadlines (90 s), so a call that only ends at its deadline fails it — and
 * the next call after the engine is back works with the same runtime and service (its pooled connections are
 * re-established, nothing it cached is stale). Nothing of this process is left on the engine afterwards.
 *
 * <p>Runs against an engine process of its own ({@link EngineProcess}, e.g. a second {@code dockerd} on another
 * socket), never the shared one. An adapter's IT starts it in {@link #startEngine()} and connects to it in
 * {@link #connect(URI)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
public abstract class EngineRestartContract {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    /** Far longer than any test may take: a call that ends only at it has hung on the dead engine. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration IN_FLIGHT = Duration.ofSeconds(30);

    private EngineProcess engine;
    private ContainerRuntime runtime;
    private SandboxService sandbox;

    @TempDir
    Path workspace;

    @TempDir
    Path host;

    /** Starts an engine process of the adapter's kind on a socket of its own and waits until it answers. */
    protected abstract EngineProcess startEngine() throws Exception;

    /** Connects the adapter's runtime to {@code endpoint}. */
    protected abstract ContainerRuntime connect(URI endpoint);

    @BeforeAll
    void startTheEngine() throws Exception {
        engine = startEngine();
        runtime = connect(engine.endpoint());
        sandbox = new SandboxService(runtime, SandboxSettings.builder().build());
    }

    @BeforeEach
    void openWorkspace() throws Exception {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
        // the first run provisions the default image on this engine (imported, as everywhere: no registry)
        assertThat(run("echo", "ready").stdout()).isEqualTo("ready\n");
    }

    @AfterEach
    void nothingIsLeftBehind() throws InterruptedException {
        engine.start(); // a failed test may have left it stopped
        // the engine may still be removing an auto-removed session for a moment
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ownContainers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<ContainerId> left = ownContainers();
        for (ContainerId id : left) {
            runtime.lifecycle().remove(id); // so one failure does not spill into the next test
        }
        assertThat(left).as("containers left behind on the restarted engine").isEmpty();
    }

    @AfterAll
    void stopTheEngine() throws InterruptedException {
        if (sandbox != null) {
            sandbox.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRunInFlightEndsWithAClearErrorAndTheNextRunWorks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<RunResult> inFlight = async(() -> sandbox.run(RunRequest.builder()
                .command(List.of("sh", "-c", "echo started; sleep 60; echo finished")).workspace(workspace)
                .image(IMAGE).limits(ResourceLimits.builder().timeout(CALL_TIMEOUT).build()).build(),
                seen("started", started)));
        assertThat(started.await(IN_FLIGHT.toSeconds(), TimeUnit.SECONDS)).as("the run started").isTrue();

        restartAround(() -> assertEndsWithOneClearError(inFlight));

        assertThat(run("echo", "back").stdout()).isEqualTo("back\n");
    }

    @Test
    void aSessionExecInFlightEndsWithAClearErrorAndTheNextCallsWork() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE).build());
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<RunResult> inFlight = async(() -> sandbox.execInSession(SessionExecRequest.builder()
                .sessionId(session.id()).command(List.of("sh", "-c", "echo started; sleep 60; echo finished"))
                .limits(ResourceLimits.builder().timeout(CALL_TIMEOUT).build()).build(), seen("started", started)));
        assertThat(started.await(IN_FLIGHT.toSeconds(), TimeUnit.SECONDS)).as("the exec started").isTrue();

        restartAround(() -> assertEndsWithOneClearError(inFlight));

        assertThat(run("echo", "back").stdout()).isEqualTo("back\n");
        // the engine may have stopped the session with itself (Docker) or kept it (Podman's conmon): either it
        // works or it fails with one clear line
        stopEitherWay(session);
        assertSessionCallsWork();
    }

    @Test
    void aCopyInFlightEndsWithAClearErrorAndTheNextCopiesWork() throws Exception {
        // a slow session (a fraction of a CPU) and a big file: the copy is still running when the engine stops
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .limits(ResourceLimits.builder().cpus(0.02).build()).build());
        Path big = host.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(256L << 20);
        }
        CompletableFuture<CopyResult> inFlight = async(() -> sandbox.copyIn(session.id(), big, "/workspace",
                1L << 30));
        assertThat(awaitHostProcess("ironbox-cp", IN_FLIGHT)).as("the copy's tar runs").isTrue();

        restartAround(() -> assertEndsWithOneClearError(inFlight));

        stopEitherWay(session);
        assertSessionCallsWork();
    }

    @Test
    void afterARestartWhileIdleEveryCallWorksWithTheSameRuntime() throws Exception {
        // several pooled connections, all of which the restart leaves dead
        List<CompletableFuture<RunResult>> warm = Stream.generate(() -> async(() -> run("echo", "warm")))
                .limit(4).toList();
        for (CompletableFuture<RunResult> w : warm) {
            assertThat(w.get(60, TimeUnit.SECONDS).stdout()).isEqualTo("warm\n");
        }
        engine.stop();
        // a service whose first call meets the stopped engine: it fails with one line and caches nothing wrong
        SandboxService fresh = new SandboxService(runtime, SandboxSettings.builder().build());
        try {
            assertEndsWithOneClearError(async(() -> fresh.run(request("echo", "nobody"), chunk -> {})));
            engine.start();

            assertThat(run("echo", "back").stdout()).isEqualTo("back\n");
            assertThat(fresh.run(request("echo", "fresh"), chunk -> {}).stdout()).isEqualTo("fresh\n");
            assertSessionCallsWork();
        } finally {
            fresh.close();
        }
    }

    // ---- for an adapter's own cases ----

    /** The service on the restartable engine. */
    protected final SandboxService sandbox() {
        return sandbox;
    }

    /** The restartable engine. */
    protected final EngineProcess engineProcess() {
        return engine;
    }

    /** A run of {@code command} in this test's workspace, with a deadline far beyond the test's. */
    protected final RunRequest request(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image(IMAGE)
                .limits(ResourceLimits.builder().timeout(CALL_TIMEOUT).build()).build();
    }

    /** The containers of this process on the engine. */
    protected final List<ContainerId> ownContainers() {
        return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
    }

    // ---- helpers ----

    /** Stops the engine, runs {@code whileDown}, starts it again, whatever happened. */
    private void restartAround(ThrowingRunnable whileDown) throws Exception {
        engine.stop();
        try {
            whileDown.run();
        } finally {
            engine.start();
        }
    }

    /** A session start, exec, copy in and copy out after the restart. */
    private void assertSessionCallsWork() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE).build());
        try {
            RunResult exec = sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                    .command(List.of("echo", "exec")).build(), chunk -> {});
            assertThat(exec.stdout()).isEqualTo("exec\n");
            Path small = Files.writeString(host.resolve("small-" + System.nanoTime() + ".txt"), "small");
            assertThat(sandbox.copyIn(session.id(), small, "/tmp/in", 1 << 20).bytes()).isEqualTo(5);
            Path back = host.resolve("back-" + System.nanoTime());
            sandbox.copyOut(session.id(), "/tmp/in/" + small.getFileName(), back, 1 << 20);
            assertThat(back).hasContent("small");
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    private void stopEitherWay(SessionInfo session) {
        try {
            sandbox.stopSession(session.id());
        } catch (UnknownSessionException gone) {
            // the engine removed it as it stopped with it
        }
    }

    /** The call ends (no hang) with an Ironbox error of one line, not a result. */
    protected static void assertEndsWithOneClearError(CompletableFuture<?> call) throws InterruptedException {
        Throwable thrown = catchThrowable(() -> call.get(CALL_TIMEOUT.toSeconds() / 2, TimeUnit.SECONDS));
        assertThat(thrown).as(() -> "the call ended with an error, not a result (" + (call.isDone()
                        && !call.isCompletedExceptionally() ? call.join() : "none") + "), and before its deadline")
                .isInstanceOf(ExecutionException.class);
        Throwable error = thrown.getCause();
        assertThat(error).as("an Ironbox error").isInstanceOf(IronboxException.class);
        assertThat(error.getMessage()).as("one line").isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }

    /** Whether a host process whose command line contains {@code marker} appears within {@code within}. */
    private static boolean awaitHostProcess(String marker, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.allProcesses().anyMatch(p -> cmdline(p).contains(marker))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String cmdline(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private RunResult run(String... command) throws InterruptedException {
        return sandbox.run(request(command), chunk -> {});
    }

    /** Counts {@code latch} down when the output shows {@code text}. */
    protected static Consumer<OutputChunk> seen(String text, CountDownLatch latch) {
        return chunk -> {
            if (new String(chunk.bytes(), StandardCharsets.UTF_8).contains(text)) {
                latch.countDown();
            }
        };
    }

    /** Runs {@code call} on a daemon thread of its own. */
    protected static <T> CompletableFuture<T> async(Callable<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(call.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "engine-restart-call");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
