package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.label.OwnerLabels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live output and cancellation through the Java API on each real engine (an absent engine fails the build, as
 * {@link EmbeddingIT}). Nothing here measures time: the streaming test's command ends only after the test has seen
 * its first chunk, which it could not if output arrived with the result.
 */
class StreamingAndCancelIT {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().timeout(Duration.ofSeconds(60)).build();

    private Path workspace;

    @BeforeEach
    void workspace(TestInfo test) throws Exception {
        workspace = Files.createDirectories(Path.of("target", "streaming-it", test.getDisplayName()
                .replaceAll("[^A-Za-z0-9]", "_") + "-" + System.nanoTime()).toAbsolutePath());
    }

    @AfterEach
    void leavesNoContainerAndNoRunThread() {
        assertThat(Leftovers.ownedByThisProcess()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .extracting(Thread::getName).noneMatch(name -> name.startsWith("ironbox-run-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void outputArrivesTaggedWhileTheCommandStillRuns(String engine) throws Exception {
        Path go = workspace.resolve("go");
        List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
        CountDownLatch firstChunk = new CountDownLatch(1);
        Consumer<OutputChunk> live = chunk -> {
            chunks.add(chunk);
            firstChunk.countDown();
        };
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS).build()) {
            // waits for a file the test creates only after it has seen "a" live
            RunHandle handle = ironbox.start(List.of("sh", "-c", "echo a; echo e >&2;"
                    + " while [ ! -e /workspace/go ]; do sleep 0.1; done; echo b"), live);

            assertThat(firstChunk.await(30, TimeUnit.SECONDS)).as("a chunk before the command ends").isTrue();
            assertThat(handle.isDone()).isFalse();
            Files.writeString(go, "");
            RunResult result = handle.await(Duration.ofSeconds(60));

            assertThat(result.exitCode()).as(result.combinedOutput()).isZero();
            assertThat(result.stdout()).isEqualTo("a\nb\n");
            assertThat(result.stderr()).isEqualTo("e\n");
            assertThat(joined(chunks, StreamType.STDOUT)).isEqualTo("a\nb\n");
            assertThat(joined(chunks, StreamType.STDERR)).isEqualTo("e\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void theBlockingRunStreamsToo(String engine) throws Exception {
        Path go = workspace.resolve("go");
        Consumer<OutputChunk> live = chunk -> {
            try {
                Files.writeString(go, ""); // only live output lets the command end
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS).build()) {
            RunResult result = ironbox.run(List.of("sh", "-c",
                    "echo a; while [ ! -e /workspace/go ]; do sleep 0.1; done; echo b"), live);
            assertThat(result.timedOut()).isFalse();
            assertThat(result.stdout()).isEqualTo("a\nb\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void cancelKillsTheCommandAndRemovesItsContainerAndNetwork(String engine) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS)
                .defaultDomains(false).allowDomain("127.0.0.1:9") // a network of its own, and a proxy lease
                .build()) {
            RunHandle handle = ironbox.start(List.of("sh", "-c", "echo running; sleep 300"),
                    chunk -> running.countDown());
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ownedContainers(engine)).as("the run's container while it runs").hasSize(1);
            assertThat(ownedNetworks(engine)).as("the run's network while it runs").hasSize(1);

            assertThat(handle.cancel()).isTrue();

            assertThat(ownedContainers(engine)).as("containers after cancel").isEmpty();
            assertThat(ownedNetworks(engine)).as("networks after cancel").isEmpty();
            assertThat(handle.isCancelled()).isTrue();
            assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("was cancelled");
            RunResult next = ironbox.run("echo", "still usable");
            assertThat(next.stdout()).isEqualTo("still usable\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker", "podman"})
    void closingTheIronboxCancelsItsRunningCommands(String engine) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        RunHandle handle;
        try (Ironbox ironbox = Ironbox.builder().runtime(engine).workspace(workspace).limits(LIMITS).build()) {
            handle = ironbox.start(List.of("sh", "-c", "echo running; sleep 300"), chunk -> running.countDown());
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(handle.isCancelled()).isTrue();
        assertThat(ownedContainers(engine)).isEmpty();
    }

    private static List<?> ownedContainers(String engine) {
        try (ContainerRuntime runtime = connect(engine)) {
            return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
        }
    }

    private static List<String> ownedNetworks(String engine) {
        try (ContainerRuntime runtime = connect(engine)) {
            return runtime.networks().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
        }
    }

    private static ContainerRuntime connect(String engine) {
        return RuntimeRegistry.fromServiceLoader().find(engine).orElseThrow().create();
    }

    private static String joined(List<OutputChunk> chunks, StreamType stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.stream().filter(c -> c.stream() == stream).forEach(c -> out.writeBytes(c.bytes()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
