package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pooled sandbox's hand-over ({@code LogCollectionPort.attachWithInput}) on a real engine: a container made with the
 * run's hardening and an open standard input runs a shim that reads one line, empties its standard input and runs
 * the line; the attach writes the line and follows the output to its end. An adapter's IT extends it and implements
 * {@link #connect()}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class HandOverContract extends SandboxContractFixture {

    /** The pool's shim in POSIX sh: one line in, standard input emptied, the line run. */
    private static final String SHIM = "IFS= read -r line || exit 0; exec </dev/null; eval \"$line\"";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private boolean imageReady;

    /** Runs once the fixture opened the workspace: a run makes sure the default image exists. */
    @BeforeEach
    void defaultImageExists() throws InterruptedException {
        if (!imageReady) {
            assertThat(sandbox.run(RunRequest.builder().addCommand("true").workspace(workspace)
                    .image(SandboxSettings.DEFAULT_IMAGE).build()).exitCode()).isZero();
            imageReady = true;
        }
    }

    @Test
    void theRuntimeAttachesWithInput() {
        assertThat(runtime.logs().attachesWithInput()).isTrue();
    }

    /** Thirty times, each on a fresh container: nothing is lost in the race between the exit and the stream's end. */
    @Test
    void stdoutAndStderrArriveWholeAndApartUpToTheLastWordsWithoutNewlineAndTheExitCodeIsTheCommands()
            throws Exception {
        for (int i = 0; i < 30; i++) {
            HandedOver run = handOver("printf out; printf err >&2; printf 'last words'; exit 7");
            assertThat(run.stdout()).as("stdout of hand-over %d", i).isEqualTo("outlast words");
            assertThat(run.stderr()).as("stderr of hand-over %d", i).isEqualTo("err");
            assertThat(run.exit()).as("exit of hand-over %d", i).map(ExitStatus::exitCode).contains(7);
            assertThat(run.ended()).as("end of the output of hand-over %d", i).isTrue();
        }
    }

    @Test
    void aMebibyteOfOutputArrivesWhole() throws Exception {
        HandedOver run = handOver("head -c 1048576 /dev/zero; echo done >&2");
        assertThat(run.stdoutBytes()).isEqualTo(1 << 20);
        assertThat(run.stderr()).isEqualTo("done\n");
        assertThat(run.exit()).map(ExitStatus::exitCode).contains(0);
        assertThat(run.ended()).isTrue();
    }

    @Test
    void theCommandsStandardInputIsEmpty() throws Exception {
        HandedOver run = handOver("cat; echo \"cat: $?\"; wc -c");
        assertThat(run.stdout()).isEqualTo("cat: 0\n0\n");
        assertThat(run.exit()).map(ExitStatus::exitCode).contains(0);
    }

    @Test
    void attachingToARemovedOrStoppedContainerFailsNamingIt() throws Exception {
        ContainerId stopped = runtime.containers().create(shimSpec());
        try {
            // one that ran and stopped (a warm sandbox that died while it waited); a created one that never started is
            // a cold run's, whose input an attach takes (StandardInputContract)
            runtime.lifecycle().start(stopped);
            runtime.lifecycle().kill(stopped);
            assertThat(runtime.lifecycle().awaitExit(stopped, Duration.ofSeconds(30))).isPresent();
            assertThatThrownBy(() -> runtime.logs().attachWithInput(stopped, "true\n".getBytes(StandardCharsets.UTF_8), chunk -> {}))
                    .isInstanceOf(ContainerFailureException.class).hasMessageContaining(stopped.shortId())
                    .hasMessageContaining("not running");
        } finally {
            runtime.lifecycle().remove(stopped);
        }
        assertThatThrownBy(() -> runtime.logs().attachWithInput(stopped, "true\n".getBytes(StandardCharsets.UTF_8), chunk -> {}))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining(stopped.shortId());
    }

    /**
     * Prints how long the hand-over takes, and from its return the end of the output and the exit of the command
     * {@code true} (medians of 20); asserts only behaviour.
     */
    @Test
    void aQuickCommandHandsOverAndEndsEveryTime() throws Exception {
        List<Long> attachNanos = new ArrayList<>();
        List<Long> endNanos = new ArrayList<>();
        List<Long> exitNanos = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HandedOver run = handOver("true");
            assertThat(run.exit()).map(ExitStatus::exitCode).contains(0);
            assertThat(run.ended()).isTrue();
            attachNanos.add(run.attachNanos());
            endNanos.add(run.endNanos());
            exitNanos.add(run.exitNanos());
        }
        System.out.printf("hand-over on %s (medians of 20): attachWithInput returned after %.1f ms; from then the"
                + " output ended after %.1f ms, awaitExit returned after %.1f ms%n", runtime.id(),
                median(attachNanos) / 1e6, median(endNanos) / 1e6, median(exitNanos) / 1e6);
    }

    private HandedOver handOver(String line) throws InterruptedException {
        ContainerId id = runtime.containers().create(shimSpec());
        try {
            runtime.lifecycle().start(id);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            byte[] input = (line + "\n").getBytes(StandardCharsets.UTF_8);
            long before = System.nanoTime();
            LogFollow follow = runtime.logs().attachWithInput(id, input, chunk -> collect(chunk, stdout, stderr));
            long attached = System.nanoTime();
            try {
                boolean ended = follow.awaitEnd(WAIT);
                long outputEnded = System.nanoTime();
                Optional<ExitStatus> exit = runtime.lifecycle().awaitExit(id, WAIT);
                long exited = System.nanoTime();
                synchronized (stdout) {
                    return new HandedOver(stdout.toString(StandardCharsets.UTF_8), stdout.size(),
                            stderr.toString(StandardCharsets.UTF_8), exit, ended, attached - before,
                            outputEnded - attached, exited - attached);
                }
            } finally {
                follow.close();
                follow.close(); // idempotent
            }
        } finally {
            runtime.lifecycle().remove(id);
        }
    }

    private ContainerSpec shimSpec() {
        RunRequest request = RunRequest.builder().command(List.of("sh", "-c", SHIM)).workspace(workspace)
                .image(SandboxSettings.DEFAULT_IMAGE).build();
        return ContainerSpec.builder().from(HardenedSpecs.forRun(request, workspace)).openStdin(true).build();
    }

    /** The sink runs on an adapter thread; the test reads under the same lock. */
    private static void collect(OutputChunk chunk, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        synchronized (stdout) {
            (chunk.stream() == StreamType.STDERR ? stderr : stdout).writeBytes(chunk.bytes());
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private record HandedOver(String stdout, int stdoutBytes, String stderr, Optional<ExitStatus> exit,
            boolean ended, long attachNanos, long endNanos, long exitNanos) {}
}
