package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Background runs without an engine: the fake sandbox blocks each run until released or interrupted, and on an
 * interrupt "removes its container" slowly, as the service does, before throwing InterruptedException.
 */
@Timeout(30)
class RunHandleTest {

    private static final SelectRuntimeUseCase REQUESTED =
            requested -> new RuntimeChoice("fake", RuntimeChoice.REQUESTED);

    @TempDir
    Path workspace;

    private final BlockingSandbox sandbox = new BlockingSandbox();
    private Ironbox ironbox;

    @BeforeEach
    void open() {
        SandboxFactory factory = new SandboxFactory() {
            @Override
            public Sandbox open(String runtimeId, SandboxSettings settings) {
                return sandbox;
            }

            @Override
            public List<String> knownRuntimes() {
                return List.of("fake");
            }
        };
        ironbox = Ironbox.builder().workspace(workspace).build(factory, REQUESTED);
    }

    @AfterEach
    void close() {
        ironbox.close();
    }

    @Test
    void startReturnsAtOnceAndAwaitGivesTheResult() throws Exception {
        RunHandle handle = ironbox.start("echo", "hi");
        sandbox.started.await();

        assertThat(handle.isDone()).isFalse();
        assertThat(handle.command()).containsExactly("echo", "hi");
        assertThatThrownBy(() -> handle.await(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
        CompletableFuture<RunResult> future = handle.result();
        sandbox.release.countDown();

        assertThat(handle.await().stdout()).isEqualTo("ran [echo, hi]");
        assertThat(future.get(5, TimeUnit.SECONDS).stdout()).isEqualTo("ran [echo, hi]");
        assertThat(handle.isCancelled()).isFalse();
        assertThat(handle.cancel()).as("cancel after the end does nothing").isFalse();
        assertThat(handle.await().exitCode()).isZero();
        assertThat(sandbox.requests).extracting(RunRequest::workspace).containsExactly(workspace.toAbsolutePath());
    }

    @Test
    void cancelInterruptsTheRunAndReturnsOnlyOnceItsContainerIsRemoved() throws Exception {
        RunHandle handle = ironbox.start("sleep", "30");
        sandbox.started.await();

        assertThat(handle.cancel()).isTrue();

        assertThat(sandbox.removed).as("removed before cancel returned").containsExactly("[sleep, 30]");
        assertThat(sandbox.runThread.get().isAlive()).as("the run's thread has ended").isFalse();
        assertThat(handle.isCancelled()).isTrue();
        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class)
                .hasMessage("the run of [sleep, 30] was cancelled");
        assertThat(handle.result().isCancelled()).isTrue();
        assertThat(handle.cancel()).as("a second cancel").isTrue();
    }

    @Test
    void cancellingTheFutureCancelsTheRun() throws Exception {
        RunHandle handle = ironbox.start("sleep", "30");
        sandbox.started.await();

        assertThat(handle.result().cancel(true)).isTrue();

        assertThat(sandbox.removed).hasSize(1);
        assertThat(handle.isCancelled()).isTrue();
    }

    @Test
    void completingAFutureByHandChangesNeitherTheRunNorOtherFutures() throws Exception {
        RunHandle handle = ironbox.start("sleep", "30");
        sandbox.started.await();
        CompletableFuture<RunResult> mine = handle.result();

        mine.complete(null);
        sandbox.release.countDown();

        assertThat(handle.await().stdout()).isEqualTo("ran [sleep, 30]");
        assertThat(handle.result().get().stdout()).isEqualTo("ran [sleep, 30]");
    }

    @Test
    void anIronboxErrorIsThrownByAwaitAsItself() throws Exception {
        sandbox.failure = new ContainerFailureException("engine said no");
        RunHandle handle = ironbox.start("true");

        assertThatThrownBy(handle::await).isInstanceOf(ContainerFailureException.class).hasMessage("engine said no");
        assertThat(handle.isCancelled()).isFalse();
        assertThatThrownBy(() -> handle.result().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ContainerFailureException.class);
    }

    @Test
    void theLiveConsumerSeesChunksWhileTheRunGoesOnAndMayCancelIt() throws Exception {
        AtomicReference<RunHandle> self = new AtomicReference<>();
        List<OutputChunk> seen = new CopyOnWriteArrayList<>();
        CountDownLatch handleKnown = new CountDownLatch(1);
        Consumer<OutputChunk> live = chunk -> {
            seen.add(chunk);
            awaitQuietly(handleKnown);
            assertThat(self.get().cancel()).as("cancel from the run's own thread").isTrue();
        };
        sandbox.chunk = new OutputChunk(StreamType.STDOUT, "a\n".getBytes(StandardCharsets.UTF_8));

        self.set(ironbox.start(List.of("sh", "-c", "echo a; sleep 30"), live));
        handleKnown.countDown();

        assertThatThrownBy(self.get()::await).isInstanceOf(CancellationException.class);
        assertThat(seen).containsExactly(sandbox.chunk);
        assertThat(sandbox.removed).hasSize(1);
    }

    @Test
    void closingTheIronboxCancelsEveryRunAndLeavesNoThread() throws Exception {
        RunHandle first = ironbox.start("sleep", "30");
        sandbox.started.await();

        ironbox.close();

        assertThat(first.isCancelled()).isTrue();
        assertThat(sandbox.runThread.get().isAlive()).isFalse();
        assertThat(sandbox.removed).hasSize(1);
        assertThat(sandbox.closed).isTrue();
        assertThatThrownBy(() -> ironbox.start("true")).isInstanceOf(ContainerFailureException.class)
                .hasMessage("this Ironbox is closed");
        assertThatThrownBy(() -> ironbox.run("true")).isInstanceOf(ContainerFailureException.class);
    }

    @Test
    void badInputIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> ironbox.start()).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> ironbox.start(List.of("true"), null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessage("live output consumer must not be null");
        assertThat(sandbox.requests).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs block until released; an interrupt "removes the container" (slowly) then surfaces. */
    private static final class BlockingSandbox extends RunOnlySandbox {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<RunRequest> requests = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        final AtomicReference<Thread> runThread = new AtomicReference<>();
        volatile RuntimeException failure;
        volatile OutputChunk chunk;
        volatile boolean closed;

        @Override
        public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
            requests.add(request);
            runThread.set(Thread.currentThread());
            if (failure != null) {
                throw failure;
            }
            if (chunk != null) {
                live.accept(chunk);
            }
            started.countDown();
            try {
                release.await();
                return RunResult.builder().exitCode(0).stdout("ran " + request.command()).stderr("")
                        .duration(Duration.ZERO).timedOut(false).oomKilled(false).stdoutBytesDropped(0)
                        .stderrBytesDropped(0).runtime("fake").image(request.image()).policy(SandboxPolicy.READ_ONLY)
                        .build();
            } catch (InterruptedException e) {
                sleepUninterruptibly(200); // removing the container takes a while
                removed.add(request.command().toString());
                throw e;
            }
        }


        @Override
        public String runtimeId() {
            return "fake";
        }

        @Override
        public void close() {
            closed = true;
        }

        private static void sleepUninterruptibly(long millis) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                } catch (InterruptedException e) {
                    // keep "removing"
                }
            }
        }
    }
}
