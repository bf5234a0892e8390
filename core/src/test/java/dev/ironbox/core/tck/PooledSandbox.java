package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.ForwardingSandbox;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The contract suite's sandbox with the warm pool on: every run the tests make runs pooled. Each test's key is new
 * (its own workspace), so each run first warms its key and waits for a warm sandbox, then runs, and fails unless the
 * result says it was pooled: a suite that silently went cold fails. Runs the pool declines by design (FullAccess,
 * egress) run as the service runs them; a run with input must go cold although its key has a warm sandbox. Everything else is the service's.
 */
public final class PooledSandbox extends ForwardingSandbox {

    /** Two warm sandboxes per key, waiting long enough for any test; four keys. */
    public static final PoolSettings POOL = PoolSettings.builder().size(2).maxIdleAge(Duration.ofMinutes(10))
            .maxKeys(4).build();
    private static final Duration WARM_WITHIN = Duration.ofSeconds(60);

    private final SandboxService service;
    /**
     * One run at a time between its warm-up and its claim: runs of one key at once (the OOM contract runs four) would
     * otherwise all see the same warm sandbox, and all but one go cold. Released once the claim is counted (by a
     * watcher, so the run itself stays on the caller's thread, where the tests interrupt it) or the run ended.
     */
    private final Semaphore claimTurn = new Semaphore(1, true);

    private PooledSandbox(SandboxService service) {
        super(service);
        this.service = service;
    }

    /** The service under test: with {@link #POOL} and every run checked to be pooled when {@code pooled}. */
    public static Sandbox of(ContainerRuntime runtime, boolean pooled) {
        if (!pooled) {
            return new SandboxService(runtime, SandboxSettings.builder().build());
        }
        return new PooledSandbox(new SandboxService(runtime, SandboxSettings.builder().pool(POOL).build()));
    }

    /**
     * The containers of this process on the engine that are not the pool's unclaimed ones (those belong to no run):
     * what a leak check looks at.
     */
    public static List<ContainerId> ownContainers(ContainerRuntime runtime, Sandbox sandbox) {
        List<ContainerSummary> own = runtime.lifecycle().describeByLabel(OwnerLabels.OWNER_PID,
                OwnerLabels.currentPid());
        Set<String> unclaimed = sandbox instanceof PooledSandbox pooled ? pooled.service.unclaimedPoolNames()
                : Set.of();
        return own.stream().filter(c -> !unclaimed.contains(c.name())).map(ContainerSummary::id).toList();
    }

    /**
     * Closes the service, then (with the pool on) checks that nothing of this process is left, the pool's warm
     * sandboxes included; then releases the runtime. Either may be null (a fixture whose set-up failed).
     */
    public static void closeAndCheck(Sandbox sandbox, ContainerRuntime runtime, boolean pooled) {
        try {
            if (sandbox != null) {
                sandbox.close();
                if (pooled) {
                    assertThat(runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid()))
                            .as("containers left after the pooled service closed").isEmpty();
                }
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        if (!request.policy().isSandboxed() || request.egress().allowsAnything()) {
            return service.run(request, live); // declined by the pool by design
        }
        if (request.stdin().length > 0) {
            return runWithInput(request, live);
        }
        claimTurn.acquire();
        AtomicBoolean turnGiven = new AtomicBoolean();
        Runnable giveTurn = () -> {
            if (turnGiven.compareAndSet(false, true)) {
                claimTurn.release();
            }
        };
        RunResult result;
        try {
            boolean warm = service.prewarm(request, WARM_WITHIN);
            assertThat(warm).as("a warm sandbox of this run's key (pool %s)", service.poolStats()).isTrue();
            long claims = service.poolStats().claims();
            Thread watcher = new Thread(() -> {
                while (!turnGiven.get() && service.poolStats().claims() == claims) {
                    LockSupport.parkNanos(2_000_000);
                }
                giveTurn.run();
            }, "tck-claim-watcher");
            watcher.setDaemon(true);
            watcher.start();
            result = service.run(request, live);
        } finally {
            giveTurn.run();
        }
        assertThat(result.pooled()).as("the run was pooled (pool %s)", service.poolStats()).isTrue();
        return result;
    }

    /**
     * A run with input never takes a warm sandbox (the sandbox's stdin carries its hand-over): its key is warmed first,
     * as the same run without input, and the run must still go cold.
     */
    private RunResult runWithInput(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        RunRequest withoutInput = RunRequest.builder().from(request).stdin(new byte[0]).build();
        assertThat(service.prewarm(withoutInput, WARM_WITHIN)).as("a warm sandbox of this run's key (pool %s)",
                service.poolStats()).isTrue();
        assertThat(service.prewarm(request, Duration.ZERO)).as("a run with input is never prewarmed").isFalse();
        RunResult result = service.run(request, live);
        assertThat(result.pooled()).as("a run with input went cold (pool %s)", service.poolStats()).isFalse();
        return result;
    }
}
