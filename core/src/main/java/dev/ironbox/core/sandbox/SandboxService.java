package dev.ironbox.core.sandbox;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.copy.FileCopier;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.image.ImageBuilder;
import dev.ironbox.core.image.ImageProvisioner;
import dev.ironbox.core.inventory.Inventory;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ImageSummary;
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
import dev.ironbox.core.run.ExecRunner;
import dev.ironbox.core.run.Finished;
import dev.ironbox.core.run.HostCommandRunner;
import dev.ironbox.core.run.Removals;
import dev.ironbox.core.session.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Once a run's command has exited, its result returns before its container (and network) are removed: the
 * removal is queued ({@link Removals}) and always happens (a failed one is retried on the next run, session start and
 * close; {@link #close()} waits for them all). A run that timed out, failed or was interrupted removes its container
 * before it returns or throws. Each run's slot ({@link SandboxSettings#maxConcurrentRuns()}) is held until its
 * container is gone. Each image is checked (pulled or built) once per service. A result carries each phase's time
 * ({@link RunResult#timings()}), also logged at DEBUG. The run path itself is {@link SandboxedRuns}; with the warm
 * pool on ({@link SandboxSettings#pool()}), a run whose key has a warm sandbox runs there ({@link WarmPool}).
 *
 * <p>Sessions ({@link Sessions}), file copies ({@link FileCopier}), images ({@link ImageBuilder}) and the inventory
 * ({@link Inventory}) are delegated; a run or session of a host-tools image gets the host's toolchain bound read-only.
 */
public final class SandboxService implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxService.class);

    private final ContainerRuntime runtime;
    private final SandboxSettings settings;
    private final ImageProvisioner images;
    private final EgressSetup egress;
    private final SandboxedRuns runs;
    private final Sessions sessionRegistry;
    private final FileCopier copier;
    private final ImageBuilder imageBuilder;
    private final Inventory inventory;
    private volatile EngineInfo engine;

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
        this(runtime, settings, proxy, secrets, firewall, Removals::new);
    }

    /** As above, with the remover {@code removals} makes (tests remove inline, to see the engine right after a run). */
    SandboxService(ContainerRuntime runtime, SandboxSettings settings, EgressProxyPort proxy,
            SecretResolverPort secrets, HostFirewallPort firewall,
            BiFunction<ContainerRuntime, Leftovers, Removals> removals) {
        if (proxy != null) {
            Objects.requireNonNull(secrets, "secrets");
        }
        this.runtime = runtime;
        this.settings = settings;
        this.images = new ImageProvisioner(runtime.images(), settings);
        Leftovers leftovers = new Leftovers(runtime);
        this.egress = new EgressSetup(runtime, proxy, secrets, firewall, settings.allowUnisolatedEgress(), leftovers);
        this.sessionRegistry = new Sessions(runtime, egress, leftovers, this::engine, images::ensureWithBinds);
        this.copier = new FileCopier(runtime.exec());
        this.imageBuilder = new ImageBuilder(runtime.images());
        this.inventory = new Inventory(runtime);
        this.runs = new SandboxedRuns(runtime, settings, images, egress, leftovers,
                removals.apply(runtime, leftovers), this::engine);
    }

    @Override
    public String runtimeId() {
        return runtime.id();
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The engine, probed once; @throws ContainerFailureException when it cannot enforce every limit. */
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
            Finished finished = runs.run(request, live);
            if (Thread.interrupted()) { // during the last steps: the result stands, the caller gave it up
                if (!Removals.await(finished.removal(), Uninterruptibly.ABANDON_AFTER)) {
                    LOG.warn("the removal of an interrupted run's container did not end within {}; it goes on in"
                            + " the background", Uninterruptibly.ABANDON_AFTER);
                }
                Thread.interrupted(); // an interrupt during that wait adds nothing: the run is given up already
                throw new InterruptedException("interrupted; the run's container is removed");
            }
            return finished.result();
        } catch (IronboxException e) {
            throw Interrupts.asInterruptedIfSo(e);
        }
    }

    /** {@inheritDoc} A {@code full_access} run is checked as a host run is: its timeout. */
    @Override
    public void check(RunRequest request) throws InterruptedException {
        runs.check(request);
    }

    /**
     * Refuses new runs; removes the pool's warm sandboxes; waits for the queued removals of finished runs (at most a
     * minute, then removes what is left itself); kills and removes every container this service still runs (also from
     * a shutdown hook), closing their proxy leases first and removing their networks last; stops the attached sessions
     * it started (detached ones live on until their TTL or a stop). Does not close the runtime or the proxy: whoever
     * created them closes them. Never throws.
     */
    @Override
    public void close() {
        runs.close();
        sessionRegistry.close();
    }

    /**
     * Warms {@code request}'s key now, in the background, and waits at most {@code wait} for a warm sandbox of it; checks
     * limits, workspace and image (pulled or built) first, as a run does.
     *
     * @return whether one is ready; false at once when the pool is off or such a run goes cold (egress, host, input, a
     *     command that cannot be handed over)
     */
    public boolean prewarm(RunRequest request, Duration wait) throws InterruptedException {
        return runs.prewarm(request, wait);
    }

    /** What the warm pool holds and did; all zero when it is off. */
    public PoolStats poolStats() {
        return runs.poolStats();
    }

    /** The names of the pool's containers no run claimed ({@link WarmPool#unclaimedNames()}). */
    public Set<String> unclaimedPoolNames() {
        return runs.unclaimedPoolNames();
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        LimitSupport.requireWithin(request.limits(), engine());
        runs.retryLeftovers();
        try {
            return sessionRegistry.start(request);
        } catch (ImageUnavailableException e) { // gone since this service ensured it: ensure it again, once
            images.forget(request.image());
            return sessionRegistry.start(request);
        }
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
        images.forget(tag); // a new image under the tag: its labels (host tools or not) are read again
        runs.forgetImage(tag); // and warm sandboxes of the old one take no more runs
        return imageBuilder.build(rootfs, tag, progress);
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        images.forget(tag);
        runs.forgetImage(tag);
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
