package dev.ironbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.PoolLabels;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.PoolStats;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.sandbox.SandboxService;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool through the service, on a fake engine: what is warmed, claimed, refilled, expired and removed. */
class WarmPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();
    private SandboxService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private SandboxService service(PoolSettings pool) {
        engine.images.add("img");
        engine.attaches = true;
        service = new SandboxService(engine, SandboxSettings.builder().pool(pool).build());
        return service;
    }

    private RunRequest.Builder request(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image("img");
    }

    @Test
    void theFirstRunOfAKeyRunsColdAndWarmsItSoTheNextIsPooled() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        RunResult first = sandbox.run(request("true").build());
        assertThat(first.pooled()).isFalse();
        assertThat(sandbox.prewarm(request("other", "command").env(Map.of("A", "b")).build(), WAIT)).isTrue();

        RunResult second = sandbox.run(request("echo", "it's").env(Map.of("A", "b")).build());

        assertThat(second.pooled()).isTrue();
        assertThat(second.timings()).containsKeys(RunPhase.CLAIM, RunPhase.HANDOVER, RunPhase.WAIT, RunPhase.DRAIN);
        ContainerSpec warm = engine.created.stream().filter(ContainerSpec::openStdin).findFirst().orElseThrow();
        assertThat(warm.command()).isEqualTo(WarmShim.command(Duration.ofMinutes(5)));
        assertThat(warm.env()).isEqualTo(Map.of("HOME", "/tmp")); // the run's variables travel in the hand-over
        assertThat(PoolLabels.isPooled(warm.labels())).isTrue();
        ContainerSpec cold = engine.created.stream().filter(spec -> !spec.openStdin()).findFirst().orElseThrow();
        assertThat(warm.withCommand(cold.command()).withOpenStdin(false).withLabels(cold.labels())
                .withName(cold.name())).as("a cold run's hardening").isEqualTo(cold);
        String handOver = engine.handedOver.values().iterator().next().length > 0
                ? new String(engine.handedOver.values().iterator().next(), StandardCharsets.UTF_8) : "";
        assertThat(handOver).isEqualTo("set -- 'echo' 'it'\\''s' && unset PWD OLDPWD SHLVL && export 'A=b'"
                + " && exec \"$@\"\n");
        waitFor(() -> sandbox.poolStats().warm() == 1); // refilled
        assertThat(sandbox.poolStats()).isEqualTo(new PoolStats(1, 1, 1, 0, 0));
    }

    @Test
    void theKeyHoldsWhatTheContainerIsMadeWithAndNotTheEnvironmentTimeoutOrOutputBudget() {
        RunRequest base = request("true").build();
        PoolKey key = PoolKey.of(base, workspace, List.of());
        assertThat(PoolKey.of(request("false", "x").env(Map.of("A", "1")).limits(ResourceLimits.builder()
                .timeout(Duration.ofSeconds(3)).maxOutputBytes(10).build()).build(), workspace, List.of()))
                .isEqualTo(key);
        assertThat(PoolKey.of(request("true").limits(ResourceLimits.builder().memoryBytes(64L << 20).build())
                .build(), workspace, List.of())).isNotEqualTo(key);
        assertThat(PoolKey.of(base, workspace.resolve("sub"), List.of())).isNotEqualTo(key);
        assertThat(PoolKey.of(request("true").image("other").build(), workspace, List.of())).isNotEqualTo(key);
    }

    @Test
    void aClaimedContainerIsNeverReusedAndIsRemovedAfterItsCommand() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        sandbox.run(request("true").build());
        String claimed = engine.handedOver.keySet().iterator().next().value();
        // removed off the run's critical path: the background removal follows within moments
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!engine.log.contains("remove container " + claimed) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.log).contains("remove container " + claimed);
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        sandbox.run(request("true").build());
        assertThat(engine.handedOver).hasSize(2);
    }

    @Test
    void beyondMaxKeysTheKeyAskedForLongestAgoIsDroppedAndItsContainersRemoved() throws Exception {
        SandboxService sandbox = service(PoolSettings.builder().size(1).maxKeys(1).build());
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        Files.createDirectory(workspace.resolve("b"));
        assertThat(sandbox.prewarm(request("true").workspace(workspace.resolve("b")).build(), WAIT)).isTrue();
        waitFor(() -> engine.log.contains("remove container c1")); // the first key's
        assertThat(sandbox.poolStats().warm()).isEqualTo(1);
        assertThat(engine.alive).hasSize(1);
    }

    @Test
    void closeRemovesEveryWarmContainer() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(3, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        waitFor(() -> sandbox.poolStats().warm() == 3);
        sandbox.close();
        assertThat(engine.alive).isEmpty();
        assertThat(sandbox.poolStats().warm()).isZero();
    }

    @Test
    void aFailedRefillIsCountedAndTheRunGoesCold() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        engine.onCreate = spec -> {
            if (spec.openStdin()) {
                throw new IllegalStateException("engine says no");
            }
        };
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isFalse();
        RunResult result = sandbox.run(request("true").build());
        assertThat(result.pooled()).isFalse();
        assertThat(result.exitCode()).isZero();
        waitFor(() -> sandbox.poolStats().refillFailures() >= 2);
        waitFor(() -> engine.alive.isEmpty()); // the cold run's container goes in the background
        assertThat(engine.alive).isEmpty();
    }

    @Test
    void containersNearTheirDeadlineAreRemovedUnclaimed() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofSeconds(1)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        waitFor(() -> sandbox.poolStats().expired() >= 1);
        waitFor(() -> engine.log.contains("remove container c1"));
    }

    @Test
    void requestsThatCannotBeHandedOverAndRunsWithThePoolOffRunCold() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").env(Map.of("A.B", "1")).build(), WAIT)).isFalse();
        assertThat(sandbox.run(request("true").env(Map.of("A.B", "1")).build()).pooled()).isFalse();
        assertThat(engine.created).noneMatch(ContainerSpec::openStdin);

        engine.attaches = false;
        SandboxService off = new SandboxService(engine, SandboxSettings.builder()
                .pool(PoolSettings.of(1, Duration.ofMinutes(5))).build());
        try {
            assertThat(off.prewarm(request("true").build(), WAIT)).isFalse();
            assertThat(off.poolStats()).isEqualTo(PoolStats.none());
        } finally {
            off.close();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 30 s for the pool").isNegative();
            Thread.sleep(20);
        }
    }

    @Test
    void aWarmContainerThatDiedLetsTheRunGoColdAndIsRemoved() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        engine.handOverFindsItDead = true;
        RunResult result = sandbox.run(request("true").build());
        assertThat(result.pooled()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(engine.log).anyMatch(line -> line.startsWith("remove container c1"));
    }

    @Test
    void aWorkspaceReplacedUnderItsPathIsNeverServedByAContainerOfTheOldOne() throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        java.nio.file.Files.move(workspace, workspace.resolveSibling(workspace.getFileName() + ".old"));
        java.nio.file.Files.createDirectory(workspace);
        RunResult result = sandbox.run(request("true").build());
        assertThat(result.pooled()).as("the warm container binds the old directory").isFalse();
    }

    @Test
    void anImageBuiltAgainUnderItsNameDropsTheWarmContainersOfTheOldOne(@TempDir Path rootfs) throws Exception {
        SandboxService sandbox = service(PoolSettings.of(1, Duration.ofMinutes(5)));
        assertThat(sandbox.prewarm(request("true").build(), WAIT)).isTrue();
        try {
            sandbox.buildImage(rootfs, "img", dev.ironbox.core.model.TransferProgress.NONE);
        } catch (RuntimeException fakeCannotBuild) {
            // the fake engine may not build: the pool forgot the image before the build either way
        }
        waitFor(() -> engine.log.contains("remove container c1"));
        assertThat(sandbox.run(request("true").build()).pooled()).isFalse();
    }

    @Test
    void aRunSettingAVariableTheShellKeepsForItselfGoesCold() {
        assertThat(HandOver.line(request("true").env(Map.of("UID", "0")).build())).isEmpty();
        assertThat(HandOver.line(request("true").env(Map.of("RANDOM", "3")).build())).isEmpty();
        assertThat(HandOver.line(request("true").env(Map.of("USER", "me")).build())).isPresent();
    }
}
