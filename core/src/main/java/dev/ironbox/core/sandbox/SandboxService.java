package dev.ironbox.core.sandbox;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.copy.FileCopier;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.egress.setup.ResolvedEgress;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.image.ImageBuilder;
import dev.ironbox.core.image.ImageProvisioner;
import dev.ironbox.core.inventory.Inventory;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.PoolStats;
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
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.pool.WarmPool;
import dev.ironbox.core.run.ContainerRun;
import dev.ironbox.core.run.ExecRunner;
import dev.ironbox.core.run.HostCommandRunner;
import dev.ironbox.core.run.PooledRun;
import dev.ironbox.core.run.RunResources;
import dev.ironbox.core.session.Sessions;
import dev.ironbox.core.workspace.WorkspaceGuard;
import dev.ironbox.core.workspace.WorkspaceSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs commands in hardened, throwaway containers: ensure image, create, start, follow output, wait with a deadline,
 * and always remove. Thread-safe: concurrent runs share the runtime's one engine client.
 *
 * <p>A run whose {@linkplain RunRequest#egress() egress policy} allows nothing has network {@code none}. One that
 * allows something needs the egress proxy ({@link #SandboxService(ContainerRuntime, SandboxSettings,
 * EgressProxyPort, SecretResolverPort)}): its secrets are resolved before anything is created, and it runs on its own
 * internal network whose only way out is the proxy ({@link EgressSetup}); its result carries the proxy's decisions.
 * Afterwards the lease is closed, the container removed, then the network removed, on every path.
 *
 * <p>Sessions ({@link Sessions}), file copies ({@link FileCopier}), images ({@link ImageBuilder}) and the inventory
 * ({@link Inventory}) are delegated; a run or session of a host-tools image gets the host's toolchain bound read-only.
 *
 * <p>With the warm pool on ({@link SandboxSettings#pool()}), a run whose key has a warm sandbox runs there
 * ({@link WarmPool}), everything before it (limits, workspace, image) checked as for a cold run.
 */
public final class SandboxService implements Sandbox {

    private final ContainerRuntime runtime;
    private final SandboxSettings settings;
    private final ImageProvisioner images;
    private final EgressSetup egress;
    private final RunResources resources;
    private final Semaphore slots;
    private final Sessions sessionRegistry;
    private final FileCopier copier;
    private final ImageBuilder imageBuilder;
    private final Inventory inventory;
    private final ContainerRun containerRun;
    private final WarmPool pool;
    private volatile EngineInfo engine;
    private volatile boolean closed;

    /**
     * A service without egress proxy: every run has network {@code none}, and a run whose egress policy allows
     * something fails with a {@link ContainerFailureException} before anything is created.
     */
    public SandboxService(ContainerRuntime runtime, SandboxSettings settings) {
        this(runtime, settings, null, null);
    }

    /**
     * A service whose runs may reach what their egress policy allows, through {@code proxy}, without a host firewall:
     * such runs are refused unless {@link SandboxSettings#allowUnisolatedEgress()}.
     */
    public SandboxService(ContainerRuntime runtime, SandboxSettings settings, EgressProxyPort proxy,
            SecretResolverPort secrets) {
        this(runtime, settings, proxy, secrets, null);
    }

    /**
     * A service whose runs may reach what their egress policy allows, through {@code proxy}, and nothing else on the
     * host ({@code firewall}). The service does not close the proxy: whoever created it closes it, after this service.
     *
     * @param secrets resolves the secrets of the policies' credentials, on the host, at the start of each run
     * @param firewall keeps networked sandboxes from the host's services; null when there is none (then networked
     *     runs are refused unless {@link SandboxSettings#allowUnisolatedEgress()})
     */
    public SandboxService(ContainerRuntime runtime, SandboxSettings settings, EgressProxyPort proxy,
            SecretResolverPort secrets, HostFirewallPort firewall) {
        if (proxy != null) {
            Objects.requireNonNull(secrets, "secrets");
        }
        this.runtime = runtime;
        this.settings = settings;
        this.images = new ImageProvisioner(runtime.images(), settings);
        Leftovers leftovers = new Leftovers(runtime);
        this.egress = new EgressSetup(runtime, proxy, secrets, firewall, settings.allowUnisolatedEgress(), leftovers);
        this.slots = new Semaphore(settings.maxConcurrentRuns(), true);
        this.sessionRegistry = new Sessions(runtime, egress, leftovers, this::engine, images::ensureWithBinds);
        this.copier = new FileCopier(runtime.exec());
        this.imageBuilder = new ImageBuilder(runtime.images());
        this.inventory = new Inventory(runtime);
        this.containerRun = new ContainerRun(runtime, settings);
        this.resources = new RunResources(runtime, egress, leftovers);
        this.pool = WarmPool.create(runtime, settings.pool(), leftovers, new PooledRun(runtime, settings));
    }

    @Override
    public String runtimeId() {
        return runtime.id();
    }

    public SandboxSettings settings() {
        return settings;
    }

    /**
     * The engine, probed once and remembered.
     *
     * @throws ContainerFailureException when the engine cannot enforce every limit: a sandbox never runs without one
     */
    public EngineInfo engine() {
        EngineInfo known = engine;
        if (known == null) {
            known = runtime.engine().probe();
            LimitSupport.requireAll(known);
            engine = known;
        }
        return known;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An interrupt at any step (image, secrets, network, proxy lease, create, start, attach, wait, remove) ends the
     * run with an {@link InterruptedException}, after everything the run made is gone.
     */
    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        if (!request.policy().isSandboxed()) {
            LimitSupport.requireTimeoutWithin(request.limits().timeout());
            return HostCommandRunner.runIfAllowed(request, settings.allowFullAccess(), live);
        }
        try {
            RunResult result = runSandboxed(request, live);
            if (Thread.interrupted()) { // during the last steps: the result stands, the caller gave it up
                throw new InterruptedException("interrupted; the run's container is removed");
            }
            return result;
        } catch (IronboxException e) {
            throw Interrupts.asInterruptedIfSo(e);
        }
    }

    private RunResult runSandboxed(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        LimitSupport.requireWithin(request.limits(), engine());
        resources.retryLeftovers();
        Optional<ResolvedEgress> network = egress.resolve(request.egress());
        WorkspaceGuard.check(request.workspace(), request.policy(), engine());
        List<Mount> imageBinds = images.ensureWithBinds(request.image());
        slots.acquire();
        try {
            // checked again right before create: a pull or a wait for a slot can take minutes
            Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine());
            refuseIfClosed();
            Optional<RunResult> warm = pool.runIfWarm(request, network.isPresent(), workspace, imageBinds, live);
            if (warm.isPresent()) {
                return warm.get();
            }
            RunResources.Made made = resources.create(network, request, workspace, imageBinds);
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while the container was created");
                }
                refuseIfClosed(); // close() may have swept before the container was registered
                return containerRun.run(made.id(), request, live).withNetwork(made.session().events());
            } finally {
                WorkspaceSweep.afterRun(request.policy(), workspace, made.begins(), resources.release(made));
            }
        } finally {
            slots.release();
        }
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new ContainerFailureException("this sandbox service is closed");
        }
    }

    /**
     * Kills and removes every container this service still runs (also from a shutdown hook), then closes their
     * proxy leases and removes their networks; stops the attached sessions it started (detached ones live on until
     * their TTL or a stop). Does not close the runtime or the proxy: whoever created them closes them. Never throws.
     */
    @Override
    public void close() {
        closed = true;
        pool.close();
        sessionRegistry.close();
        resources.close();
    }

    /**
     * Warms {@code request}'s key now, in the background, and waits at most {@code wait} for a warm sandbox of it; checks
     * limits, workspace and image (pulled or built) first, as a run does.
     *
     * @return whether one is ready; false at once when the pool is off or such a run goes cold (egress, host, a
     *     command that cannot be handed over)
     */
    public boolean prewarm(RunRequest request, Duration wait) throws InterruptedException {
        if (!pool.enabled() || !request.policy().isSandboxed() || request.egress().allowsAnything()) {
            return false;
        }
        LimitSupport.requireWithin(request.limits(), engine());
        Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine());
        return pool.prewarmAndAwait(request, false, workspace, images.ensureWithBinds(request.image()), wait);
    }

    /** What the warm pool holds and did; all zero when it is off. */
    public PoolStats poolStats() {
        return pool.stats();
    }

    /** The names of the pool's containers no run claimed ({@link WarmPool#unclaimedNames()}). */
    public Set<String> unclaimedPoolNames() {
        return pool.unclaimedNames();
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        LimitSupport.requireWithin(request.limits(), engine());
        resources.retryLeftovers();
        return sessionRegistry.start(request);
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live)
            throws InterruptedException {
        LimitSupport.requireTimeoutWithin(request.limits().timeout());
        return sessionRegistry.exec(request, live);
    }

    @Override
    public void stopSession(String sessionId) {
        sessionRegistry.stop(sessionId);
    }

    @Override
    public SessionInfo session(String sessionId) {
        return sessionRegistry.session(sessionId);
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessionRegistry.list();
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException {
        return copier.copyIn(sessionRegistry.running(sessionId).id(), hostSource, sessionDirectory, maxBytes);
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        return copier.copyOut(sessionRegistry.running(sessionId).id(), sessionPath, hostDestination, maxBytes);
    }

    @Override
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        return imageBuilder.build(rootfs, tag, progress);
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        return imageBuilder.buildHostTools(tag, progress);
    }

    @Override
    public List<ImageSummary> images() {
        return imageBuilder.list();
    }

    @Override
    public List<SandboxSummary> sandboxes() {
        return inventory.sandboxes();
    }

    @Override
    public CleanupReport cleanup(boolean all) {
        return inventory.cleanup(all);
    }
}
