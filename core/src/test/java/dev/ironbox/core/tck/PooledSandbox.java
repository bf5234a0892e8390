package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.sandbox.SandboxService;
import java.nio.file.Path;
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
 * egress) run as the service runs them. Everything else is the service's.
 */
public final class PooledSandbox implements Sandbox {

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

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        if (!request.policy().isSandboxed() || request.egress().allowsAnything()) {
            return service.run(request, live); // declined by the pool by design
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

    @Override
    public String runtimeId() {
        return service.runtimeId();
    }

    @Override
    public void close() {
        service.close();
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        return service.startSession(request);
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live)
            throws InterruptedException {
        return service.execInSession(request, live);
    }

    @Override
    public void stopSession(String sessionId) {
        service.stopSession(sessionId);
    }

    @Override
    public SessionInfo session(String sessionId) {
        return service.session(sessionId);
    }

    @Override
    public List<SessionInfo> sessions() {
        return service.sessions();
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException {
        return service.copyIn(sessionId, hostSource, sessionDirectory, maxBytes);
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        return service.copyOut(sessionId, sessionPath, hostDestination, maxBytes);
    }

    @Override
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        return service.buildImage(rootfs, tag, progress);
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        return service.buildHostToolsImage(tag, progress);
    }

    @Override
    public List<ImageSummary> images() {
        return service.images();
    }

    @Override
    public List<SandboxSummary> sandboxes() {
        return service.sandboxes();
    }

    @Override
    public CleanupReport cleanup(boolean all) {
        return service.cleanup(all);
    }
}
