package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.core.run.ContainerRun;
import dev.ironbox.core.run.ExecRunner;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's timeout counts from the command's start, and a command that ended on its own is never reported as timed
 * out: on an engine whose create and start are slow, and when the command's end races its deadline.
 */
class TimeoutHonestyTest {

    private static final Duration SLOW = Duration.ofMillis(400);

    @TempDir
    Path workspace;

    private final FakeRuntime fake = new FakeRuntime();

    private RunResult run(SlowEngine engine, Duration timeout) throws InterruptedException {
        fake.images.add("img");
        fake.output = List.of(new OutputChunk(StreamType.STDOUT, "hi\n".getBytes(StandardCharsets.UTF_8)));
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build());
        return service.run(RunRequest.builder().command(List.of("echo", "hi")).workspace(workspace).image("img")
                .limits(ResourceLimits.builder().timeout(timeout).build()).build());
    }

    @Test
    void aSlowCreateAndStartDoNotEatTheTimeout() throws Exception {
        // create and start take 400 ms each; the command itself 50 ms of its 300 ms
        RunResult result = run(new SlowEngine(fake, SLOW, Duration.ofMillis(50), false), Duration.ofMillis(300));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hi\n");
        assertThat(fake.killed).isEmpty();
        assertThat(fake.alive).isEmpty();
    }

    @Test
    void aCommandThatEndedAsItsDeadlinePassedKeepsItsExitCode() throws Exception {
        // the engine reports the exit only after the deadline: the kill then finds the command's own exit status
        RunResult result = run(new SlowEngine(fake, Duration.ZERO, Duration.ofMillis(50), true),
                Duration.ofMillis(300));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(fake.alive).isEmpty();
    }

    @Test
    void aCommandStillRunningAtItsDeadlineTimesOut() throws Exception {
        RunResult result = run(new SlowEngine(fake, SLOW, Duration.ofSeconds(30), false), Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(fake.killed).hasSize(1);
        assertThat(fake.alive).isEmpty();
    }

    @Test
    void anExitSeenAfterTheKillIsTheCommandsOwnUnlessItIsTheKills() {
        assertThat(ContainerRun.endedOnItsOwn(new ExitStatus(0, false))).isTrue();
        assertThat(ContainerRun.endedOnItsOwn(new ExitStatus(3, false))).isTrue();
        assertThat(ContainerRun.endedOnItsOwn(new ExitStatus(137, true))).isTrue();
        assertThat(ContainerRun.endedOnItsOwn(new ExitStatus(137, false))).isFalse();
    }

    @Test
    void anExecWhoseExitRacedItsDeadlineKeepsItsExitCodeAndOneKilledThereTimesOut() throws Exception {
        ContainerId container = new ContainerId("session");
        fake.alive.add(container);
        // the engine said "running" at the deadline; after the kill it reports the command's own exit 0
        assertThat(execEndingWith(container, new ExecPort.ExecExit(OptionalInt.of(0), true)).timedOut()).isFalse();
        RunResult killed = execEndingWith(container, new ExecPort.ExecExit(OptionalInt.of(137), true));
        assertThat(killed.timedOut()).isTrue();
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(execEndingWith(container, new ExecPort.ExecExit(OptionalInt.empty(), true)).timedOut()).isTrue();
        RunResult own = execEndingWith(container, new ExecPort.ExecExit(OptionalInt.of(3), false));
        assertThat(own.timedOut()).isFalse();
        assertThat(own.exitCode()).isEqualTo(3);
    }

    /** An exec through an engine that runs the deadline's kill when it passed and then reports {@code exit}. */
    private RunResult execEndingWith(ContainerId container, ExecPort.ExecExit exit) throws InterruptedException {
        ExecPort engine = new ExecPort() {
            @Override
            public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout) {
                return fake.exec(id, spec, sink, timeout);
            }

            @Override
            public ExecExit exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout,
                    DeadlineKill atDeadline, Duration grace) throws InterruptedException {
                if (exit.deadlinePassed()) {
                    atDeadline.kill();
                }
                return exit;
            }
        };
        return new ExecRunner(engine, "fake", HardenedSpecs.SANDBOX_USER).exec(ExecRequest.builder()
                .container(container).command(List.of("echo", "hi"))
                .limits(ResourceLimits.builder().timeout(Duration.ofMillis(300)).build()).build(), chunk -> {});
    }

    /**
     * The fake engine, with a create and a start that take {@code slow} each, and a command that runs {@code runs}
     * from its start and then exits 0. {@code lateReport}: the engine reports the exit only once the waiter gave up
     * (the race of an exit with the deadline).
     */
    private static final class SlowEngine implements ContainerRuntime, ContainerCreationPort, ContainerLifecyclePort {

        private final FakeRuntime fake;
        private final Duration slow;
        private final Duration runs;
        private final boolean lateReport;
        private volatile long endsAt;

        SlowEngine(FakeRuntime fake, Duration slow, Duration runs, boolean lateReport) {
            this.fake = fake;
            this.slow = slow;
            this.runs = runs;
            this.lateReport = lateReport;
        }

        @Override public String id() { return "slow"; }
        @Override public EnginePort engine() { return fake; }
        @Override public ImagePort images() { return fake; }
        @Override public ContainerCreationPort containers() { return this; }
        @Override public ContainerLifecyclePort lifecycle() { return this; }
        @Override public LogCollectionPort logs() { return fake; }
        @Override public ExecPort exec() { return fake; }
        @Override public void close() {}

        @Override
        public ContainerId create(ContainerSpec spec) {
            pause(slow);
            return fake.create(spec);
        }

        @Override
        public void start(ContainerId id) {
            pause(slow);
            endsAt = System.nanoTime() + runs.toNanos(); // the engine answers once the command runs
        }

        @Override
        public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException {
            if (fake.killed.contains(id)) {
                // killed: the kill's status, unless the command had ended before
                return Optional.of(new ExitStatus(System.nanoTime() >= endsAt ? 0 : 137, false));
            }
            long left = endsAt - System.nanoTime();
            if (lateReport || left > timeout.toNanos()) {
                Thread.sleep(timeout.toMillis());
                return Optional.empty();
            }
            Thread.sleep(Math.max(0, left / 1_000_000));
            return Optional.of(new ExitStatus(0, false));
        }

        @Override public void kill(ContainerId id) { fake.kill(id); }
        @Override public void remove(ContainerId id) { fake.remove(id); }
        @Override public List<ContainerId> listByLabel(String key, String value) {
            return fake.listByLabel(key, value);
        }

        private static void pause(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
