package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.StartFailure;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.TmpfsMount;
import dev.ironbox.core.run.ExecKiller;
import dev.ironbox.core.run.ExecRunner;
import dev.ironbox.core.testing.FakeRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxServiceTest {

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();

    private SandboxService service(SandboxSettings settings) {
        engine.images.add("img");
        return InlineRemovals.service(engine, settings);
    }

    private SandboxService service() {
        return service(SandboxSettings.builder().build());
    }

    private RunRequest.Builder request(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image("img");
    }

    @Test
    void aWorkspaceWriteRunLeavesNoSetIdOrWorldWritableFileBehind() throws Exception {
        Path tool = workspace.resolve("tool");
        engine.onCreate = spec -> { // the sandbox, while it runs
            try {
                Files.writeString(tool, "#!/bin/sh\n");
                if (!SandboxUser.current().isCaller()) {
                    Files.setAttribute(tool, "unix:uid", SandboxUser.DEDICATED_ID);
                }
                Files.setAttribute(tool, "unix:mode", 06777);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        service().run(request("true").policy(SandboxPolicy.READ_ONLY).build());
        assertThat(Files.getAttribute(tool, "unix:mode")).as("readonly: no sweep").isEqualTo(0106777);
        Files.delete(tool);

        service().run(request("true").policy(SandboxPolicy.WORKSPACE_WRITE).build());

        assertThat(Files.getAttribute(tool, "unix:mode")).isEqualTo(0100755);
    }

    @Test
    void everyRunGetsTheWholeHardenedProfile() throws Exception {
        service().run(request("true").limits(ResourceLimits.builder().memoryBytes(64L << 20).cpus(0.5)
                .pidsLimit(77).tmpfsBytes(8L << 20).build()).env(Map.of("A", "b")).build());
        ContainerSpec spec = engine.created.get(0);
        assertThat(spec.user()).isEqualTo(SandboxUser.current().spec());
        assertThat(spec.capDrop()).containsExactly("ALL");
        assertThat(spec.capAdd()).isEmpty();
        assertThat(spec.noNewPrivileges()).isTrue();
        assertThat(spec.readOnlyRootfs()).isTrue();
        assertThat(spec.tmpfs()).containsExactly(new TmpfsMount("/tmp", 8L << 20));
        assertThat(spec.memoryBytes()).isEqualTo(64L << 20);
        assertThat(spec.memorySwapBytes()).isEqualTo(spec.memoryBytes());
        assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
        assertThat(spec.pidsLimit()).isEqualTo(77);
        assertThat(spec.init()).isTrue();
        assertThat(spec.networkMode()).isEqualTo("none");
        assertThat(spec.command()).containsExactly("true");
        assertThat(spec.env()).containsEntry("A", "b");
        assertThat(spec.labels()).containsEntry(OwnerLabels.MANAGED, "true")
                .containsEntry(OwnerLabels.OWNER_PID, Long.toString(ProcessHandle.current().pid()))
                .containsKey(OwnerLabels.OWNER_STARTED);
        assertThat(spec.binds()).containsExactly(new Mount(workspace.toRealPath(), "/workspace", true));
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void workspaceWriteMountsTheWorkspaceReadWrite() throws Exception {
        service().run(request("true").policy(SandboxPolicy.WORKSPACE_WRITE).build());
        assertThat(engine.created.get(0).binds()).containsExactly(new Mount(workspace.toRealPath(), "/workspace", false));
        assertThat(engine.created.get(0).readOnlyRootfs()).isTrue();
    }

    @Test
    void outputIsCapturedAndStreamedLive() throws Exception {
        engine.output = List.of(new OutputChunk(StreamType.STDOUT, "out".getBytes(StandardCharsets.UTF_8)),
                new OutputChunk(StreamType.STDERR, "err".getBytes(StandardCharsets.UTF_8)));
        engine.exit = Optional.of(new ExitStatus(3, false));
        StringBuilder live = new StringBuilder();
        RunResult result = service().run(request("x").build(), c -> live.append(c.stream()).append(' '));
        assertThat(result.stdout()).isEqualTo("out");
        assertThat(result.stderr()).isEqualTo("err");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.runtime()).isEqualTo("fake");
        assertThat(live).hasToString("STDOUT STDERR ");
    }

    @Test
    void aFailingLiveConsumerLosesNothing() throws Exception {
        engine.output = List.of(new OutputChunk(StreamType.STDOUT, "a".getBytes(StandardCharsets.UTF_8)),
                new OutputChunk(StreamType.STDOUT, "b".getBytes(StandardCharsets.UTF_8)));
        RunResult result = service().run(request("x").build(), c -> {
            throw new IllegalStateException("terminal closed");
        });
        assertThat(result.stdout()).isEqualTo("ab");
    }

    @Test
    void atTheDeadlineTheContainerIsKilledAndRemoved() throws Exception {
        engine.exit = Optional.empty();
        RunResult result = service().run(request("sleep", "30").build());
        assertThat(result.timedOut()).isTrue();
        assertThat(engine.killed).hasSize(1);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void anOomKillIsReported() throws Exception {
        engine.exit = Optional.of(new ExitStatus(137, true));
        RunResult result = service().run(request("x").build());
        assertThat(result.oomKilled()).isTrue();
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void anEngineErrorStillRemovesTheContainer() {
        engine.startFailure = new ContainerFailureException("engine exploded");
        assertThatThrownBy(() -> service().run(request("x").build()))
                .isInstanceOf(ContainerFailureException.class).hasMessage("engine exploded");
        assertThat(engine.created).hasSize(1);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void aMissingExecutableExits127LikeDockerRun() throws Exception {
        engine.startFailure = new ContainerFailureException(
                "exec: \"nope\": executable file not found in $PATH: unknown", null, StartFailure.COMMAND_NOT_FOUND);
        RunResult result = service().run(request("nope").build());
        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).contains("executable file not found");
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void aNonExecutableCommandExits126AndAnUnclassifiedFailureStaysAnError() throws Exception {
        engine.startFailure = new ContainerFailureException("cannot start: denied", null, StartFailure.NOT_EXECUTABLE);
        assertThat(service().run(request("/etc/passwd").build()).exitCode()).isEqualTo(126);
        // runc's words without the adapter's type: core reads no message text
        engine.startFailure = new ContainerFailureException("exec: \"nope\": executable file not found in $PATH");
        assertThatThrownBy(() -> service().run(request("nope").build())).isInstanceOf(ContainerFailureException.class);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void anInterruptRemovesTheContainerAndPropagates() throws Exception {
        engine.blockUntilInterrupted = true;
        SandboxService service = service();
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                service.run(request("sleep").build());
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        engine.waitingForExit.await(); // the run waits for its container: the interrupt lands there
        runner.get().interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void closeRemovesWhatIsStillRunning() throws Exception {
        engine.blockUntilInterrupted = true;
        SandboxService service = service();
        Thread runner = new Thread(() -> {
            try {
                service.run(request("sleep").build());
            } catch (InterruptedException ignored) {
                // expected at the end of the test
            }
        });
        runner.start();
        while (engine.created.isEmpty()) {
            Thread.sleep(10);
        }
        service.close();
        assertThat(engine.alive).isEmpty();
        runner.interrupt();
        runner.join(5000);
    }

    @Test
    void theDefaultImageIsBuiltLocallyWhenItCannotBePulled() throws Exception {
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build());
        service.run(request("true").image(SandboxSettings.DEFAULT_IMAGE).build());
        assertThat(engine.imported).containsExactly(SandboxSettings.DEFAULT_IMAGE);
    }

    @Test
    void anotherMissingImageIsAClearErrorAndNothingIsCreated() {
        SandboxService service = InlineRemovals.service(engine, SandboxSettings.builder().build());
        assertThatThrownBy(() -> service.run(request("true").image("example/absent:1").build()))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageContaining("example/absent:1").hasMessageContaining("offline");
        assertThat(engine.created).isEmpty();
        assertThat(engine.imported).isEmpty();
    }

    @Test
    void fullAccessIsRefusedUnlessConfigurationAllowsIt() {
        assertThatThrownBy(() -> service().run(request("true").policy(SandboxPolicy.FULL_ACCESS).build()))
                .isInstanceOf(PolicyRefusedException.class).hasMessageContaining("allowFullAccess");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void fullAccessRunsOnTheHostWhenAllowed() throws Exception {
        SandboxService service = service(SandboxSettings.builder().allowFullAccess(true).build());
        RunResult result = service.run(request("sh", "-c", "pwd; echo err >&2; exit 4")
                .policy(SandboxPolicy.FULL_ACCESS).build());
        assertThat(result.runtime()).isEqualTo("host");
        assertThat(result.stdout()).isEqualTo(workspace.toRealPath() + "\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(engine.created).isEmpty();
    }

    @Test
    void fullAccessHasADeadlineToo() throws Exception {
        SandboxService service = service(SandboxSettings.builder().allowFullAccess(true).build());
        long start = System.nanoTime();
        RunResult result = service.run(request("sh", "-c", "sleep 30 & sleep 30")
                .policy(SandboxPolicy.FULL_ACCESS)
                .limits(ResourceLimits.builder().timeout(Duration.ofMillis(300)).build()).build());
        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void badWorkspacesAreRefusedBeforeAnythingIsCreated() throws Exception {
        Path file = Files.writeString(workspace.resolve("f"), "x");
        assertThatThrownBy(() -> service().run(request("true").workspace(workspace.resolve("nope")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> service().run(request("true").workspace(file).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> service().run(request("true").workspace(Path.of("/")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("root directory");
        engine.socket = workspace.resolve("sub/engine.sock");
        assertThatThrownBy(() -> service().run(request("true").build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("engine socket");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void kernelFilesystemsAreRefusedAsWorkspaces() {
        assertThatThrownBy(() -> service().run(request("true").workspace(Path.of("/proc/self")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("kernel filesystem");
        assertThatThrownBy(() -> service().run(request("true").workspace(Path.of("/dev")).build()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("kernel filesystem");
    }

    @Test
    void aClosedServiceRunsNothingMore() {
        SandboxService service = service();
        service.close();
        assertThatThrownBy(() -> service.run(request("true").build()))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("closed");
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void anExecPastItsDeadlineIsKilledByItsMarker() throws Exception {
        ContainerId id = engine.create(ContainerSpec.builder().name("n").image("img").workingDir("/").user("1")
                .readOnlyRootfs(true).noNewPrivileges(true).memoryBytes(1).memorySwapBytes(1).nanoCpus(1)
                .pidsLimit(1).init(true).networkMode("none").build());
        engine.execExit = OptionalInt.empty();
        RunResult result = new ExecRunner(engine.exec(), "fake", HardenedSpecs.SANDBOX_USER).exec(ExecRequest.builder().container(id).command(List.of("sleep", "9"))
                .limits(ResourceLimits.builder().timeout(Duration.ofMillis(100)).build()).build(), c -> {});
        assertThat(result.timedOut()).isTrue();
        String marker = engine.execs.get(0).env().get(ExecKiller.MARKER_VARIABLE);
        assertThat(marker).isNotBlank();
        assertThat(engine.execs.get(1).command()).contains(marker);
        assertThat(engine.execs.get(1).command().get(0)).isEqualTo("sh");
    }

    @Test
    void anEngineThatCannotEnforceALimitIsRefusedBeforeAnythingRuns() {
        engine.rootless = true;
        engine.limits = java.util.Set.of(dev.ironbox.core.model.LimitKind.PIDS);
        assertThatThrownBy(() -> service().run(request("true").build()))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("cannot enforce the memory, cpu limits")
                .hasMessageContaining("rootless");
        assertThat(engine.created).isEmpty();
    }
}
