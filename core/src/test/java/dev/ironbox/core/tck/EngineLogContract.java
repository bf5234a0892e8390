package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine keeps no log of a sandbox's output on the host (issue 9, item 2): a sandbox that floods 50 MiB with a
 * 1 KiB output budget grew Docker's json-file log to 110 MiB and Podman's ctr.log to 1.2 GiB, enough to fill the
 * host's disk. Here a run, a session's own output (an exec writing to PID 1's stdout) and a plain container each
 * flood it, the engine's files of that container are measured on the host while it still exists, and the output
 * Ironbox returns is still whole: head, tail and the count of what was dropped. An adapter's IT extends this and
 * implements {@link #connect()} and {@link #engineFilesOf}; it fails, never skips, when the engine is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class EngineLogContract extends SandboxContractFixture {

    static final long FLOOD = 50L << 20;
    static final long TINY = 1L << 20;
    static final int BUDGET = 1024;
    /** What {@code yes ironbox-flood | head -c FLOOD} writes: 14-byte lines, the last one cut after 4 bytes. */
    static final String FLOODING = "yes ironbox-flood | head -c " + FLOOD;

    /**
     * The directory on this host where the engine keeps the files of container {@code id} — where its log would be
     * (Docker: {@code <root>/containers/<id>}; Podman: the container's {@code userdata} directory).
     */
    protected abstract Path engineFilesOf(ContainerId id);

    @Test
    void aRunThatFloodsItsOutputLeavesNoEngineLogAndItsOutputIsWhole() throws Exception {
        CountDownLatch flooded = new CountDownLatch(1);
        StringBuffer stderr = new StringBuffer();
        // the sandbox waits for the host's measurement before it ends: Ironbox removes a run's container at its end
        RunRequest request = RunRequest.builder().workspace(workspace).image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sh", "-c", FLOODING + "; echo flooded >&2; "
                        + "while [ ! -e /workspace/measured ]; do sleep 0.1; done"))
                .limits(ResourceLimits.builder().maxOutputBytes(BUDGET).build()).build();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sandbox.run(request, chunk -> {
                    if (chunk.stream() == StreamType.STDERR) {
                        stderr.append(new String(chunk.bytes(), StandardCharsets.UTF_8));
                        if (stderr.indexOf("flooded\n") >= 0) {
                            flooded.countDown();
                        }
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        assertThat(flooded.await(150, TimeUnit.SECONDS)).as("the sandbox wrote its flood").isTrue();
        ContainerId id = ownContainers().get(0);
        long stored = engineBytes(id);
        Files.writeString(workspace.resolve("measured"), "");
        RunResult result = run.get(150, TimeUnit.SECONDS);

        assertThat(stored).as("bytes the engine keeps of a %d-byte flood", FLOOD).isLessThan(TINY);
        assertFloodKept(result);
        assertThat(result.stderr()).isEqualTo("flooded\n");
    }

    /** A session's own output (its init's, whose stdout the engine would log) is flooded from an exec. */
    @Test
    void aSessionsExecCannotFloodTheSessionsLog() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace)
                .image(SandboxSettings.DEFAULT_IMAGE).build());
        try {
            RunResult exec = sandbox.execInSession(SessionExecRequest.builder().sessionId(session.id())
                    .command(List.of("sh", "-c", FLOODING + " > /proc/1/fd/1; " + FLOODING + " > /proc/1/fd/2; "
                            + FLOODING))
                    .limits(ResourceLimits.builder().maxOutputBytes(BUDGET).timeout(Duration.ofSeconds(150)).build())
                    .build(), chunk -> {});
            ContainerId id = ownContainers().get(0);
            long stored = engineBytes(id);

            assertThat(stored).as("bytes the engine keeps of 2 x %d bytes of the session's output", FLOOD)
                    .isLessThan(TINY);
            assertFloodKept(exec);
            assertThat(exec.stderr()).isEmpty();
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    /** Through the ports, as a third-party runtime sees it; measured after the container stopped, before removal. */
    @Test
    void aStoppedContainerKeptNoneOfItsFloodAndTheFollowSawAllOfIt() throws Exception {
        ContainerSpec spec = ContainerSpec.builder()
                .name("ironbox-tck-" + UUID.randomUUID())
                .image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("sh", "-c", FLOODING + "; " + FLOODING + " >&2"))
                .workingDir("/")
                .user("1000:1000")
                .labels(OwnerLabels.forCurrentProcess("readonly"))
                .addTmpfs(new TmpfsMount("/tmp", 16L << 20))
                .readOnlyRootfs(true)
                .addCapDrop("ALL")
                .noNewPrivileges(true)
                .memoryBytes(256L << 20)
                .memorySwapBytes(256L << 20)
                .nanoCpus(1_000_000_000L)
                .pidsLimit(64)
                .init(true)
                .networkMode("none")
                .build();
        sandbox.run(RunRequest.builder().workspace(workspace).image(SandboxSettings.DEFAULT_IMAGE)
                .command(List.of("true")).build()); // makes sure the default image exists
        ContainerId id = runtime.containers().create(spec);
        AtomicLong stdout = new AtomicLong();
        AtomicLong stderr = new AtomicLong();
        long stored;
        try {
            try (LogFollow follow = runtime.logs().follow(id, chunk ->
                    (chunk.stream() == StreamType.STDOUT ? stdout : stderr).addAndGet(chunk.bytes().length))) {
                runtime.lifecycle().start(id);
                Optional<ExitStatus> exit = runtime.lifecycle().awaitExit(id, Duration.ofSeconds(150));
                assertThat(exit).as("the flood ended").isPresent();
                assertThat(exit.get().exitCode()).isZero();
                assertThat(follow.awaitEnd(Duration.ofSeconds(60))).as("the output ended").isTrue();
            }
            stored = engineBytes(id);
        } finally {
            runtime.lifecycle().remove(id);
        }
        assertThat(stored).as("bytes the engine keeps of 2 x %d bytes", FLOOD).isLessThan(TINY);
        assertThat(stdout.get()).as("stdout followed").isEqualTo(FLOOD);
        assertThat(stderr.get()).as("stderr followed").isEqualTo(FLOOD);
    }

    /** Head and tail of the flood on stdout within the budget, and every other byte counted as dropped. */
    private static void assertFloodKept(RunResult result) {
        assertThat(result.exitCode()).isZero();
        assertThat(result.truncated()).isTrue();
        String kept = result.stdout().replaceAll("\n\\[\\.\\.\\. ironbox: \\d+ bytes truncated \\.\\.\\.]\n", "");
        assertThat(result.stdout()).startsWith("ironbox-flood\nironbox-flood\n").endsWith("ironbox-flood\niron")
                .contains("bytes truncated");
        long keptBytes = kept.getBytes(StandardCharsets.UTF_8).length;
        assertThat(keptBytes).isPositive().isLessThanOrEqualTo(BUDGET);
        assertThat(keptBytes + result.stdoutBytesDropped()).isEqualTo(FLOOD);
    }

    /** The size of every regular file in the engine's directory of {@code id}, which must exist. */
    private long engineBytes(ContainerId id) {
        Path dir = engineFilesOf(id);
        assertThat(dir).as("the engine's directory of container %s", id).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
