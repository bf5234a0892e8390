package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
 * <p>Sessions ({@link Sessions}), file copies ({@link FileCopier}), images ({@link ImageBuilder}) and the inventory
 * ({@link Inventory}) are delegated; a run or session of a host-tools image gets the host's toolchain bound read-only.
 */
public final class SandboxService implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxService.class);

    private final ContainerRuntime runtime;
    private final SandboxSettings settings;
    private final ImageProvisioner images;
    private final EgressSetup egress;
    private final Set<ContainerId> active = ConcurrentHashMap.newKeySet();
    private final Set<EgressSession> sessions = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final Sessions sessionRegistry;
    private final FileCopier copier;
    private final ImageBuilder imageBuilder;
    private final Inventory inventory;
    private final ContainerRun containerRun;
    private final Leftovers leftovers;
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
        this.egress = new EgressSetup(runtime, proxy, secrets, firewall, settings.allowUnisolatedEgress());
        this.slots = new Semaphore(settings.maxConcurrentRuns(), true);
        this.sessionRegistry = new Sessions(runtime, egress, this::engine, images::ensureWithBinds);
        this.copier = new FileCopier(runtime.exec());
        this.imageBuilder = new ImageBuilder(runtime.images());
        this.inventory = new Inventory(runtime);
        this.containerRun = new ContainerRun(runtime, settings);
        this.leftovers = new Leftovers(runtime.lifecycle());
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

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        if (!request.policy().isSandboxed()) {
            LimitSupport.requireTimeoutWithin(request.limits().timeout());
            return HostCommandRunner.runIfAllowed(request, settings.allowFullAccess(), live);
        }
        LimitSupport.requireWithin(request.limits(), engine());
        leftovers.retry();
        Optional<ResolvedEgress> network = egress.resolve(request.egress());
        WorkspaceGuard.check(request.workspace(), request.policy(), engine());
        List<Mount> imageBinds = images.ensureWithBinds(request.image());
        slots.acquire();
        try {
            // checked again right before create: a pull or a wait for a slot can take minutes
            Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine());
            refuseIfClosed();
            try (EgressSession session = openSession(network, request)) {
                refuseIfClosed(); // close() may have swept between open and add
                return runInSession(session, request, workspace, imageBinds, live);
            } catch (IronboxException e) {
                throw Interrupts.asInterruptedIfSo(e);
            }
        } finally {
            slots.release();
        }
    }

    private EgressSession openSession(Optional<ResolvedEgress> network, RunRequest request) {
        if (network.isEmpty()) {
            return EgressSession.none();
        }
        EgressSession session = egress.open(network.get(), OwnerLabels.forCurrentProcess(request.policy().cliName()));
        sessions.add(session);
        return session;
    }

    /**
     * Creates, runs and removes the container; the result carries the proxy's decisions. The deadline counts from the
     * command's start ({@link ContainerRun}): neither setting up the network nor creating the container is its time.
     */
    private RunResult runInSession(EgressSession session, RunRequest request, Path workspace, List<Mount> imageBinds,
            Consumer<OutputChunk> live) throws InterruptedException {
        try {
            Instant begins = Instant.now();
            ContainerId id = runtime.containers().create(HardenedSpecs.forRun(request, workspace, session.container(),
                    imageBinds));
            active.add(id);
            try {
                refuseIfClosed(); // close() may have swept between create and add
                return containerRun.run(id, request, live).withNetwork(session.events());
            } finally {
                session.closeLease();
                WorkspaceSweep.afterRun(request.policy(), workspace, begins, remove(id));
            }
        } finally {
            sessions.remove(session);
        }
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new ContainerFailureException("this sandbox service is closed");
        }
    }

    @Override
    public RunResult exec(ExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        LimitSupport.requireTimeoutWithin(request.limits().timeout());
        return new ExecRunner(runtime.exec(), runtime.id(), HardenedSpecs.SANDBOX_USER).exec(request, live);
    }

    /** Removes the container even when this thread was interrupted, then restores the interrupt; whether it is gone. */
    private boolean remove(ContainerId id) {
        boolean interrupted = Thread.interrupted();
        try {
            runtime.lifecycle().remove(id);
            active.remove(id);
            return true;
        } catch (RuntimeException e) {
            // typically the engine is stopped or restarting: the next call (or close) tries again
            active.remove(id);
            leftovers.add(id);
            LOG.error("could not remove container {}; this service retries on its next call, else remove it with the"
                    + " engine (docker rm -f / podman rm -f); it carries the label dev.ironbox.managed=true", id, e);
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        sessionRegistry.close();
        for (EgressSession session : List.copyOf(sessions)) {
            session.closeLease();
        }
        for (ContainerId id : List.copyOf(active)) {
            remove(id);
        }
        leftovers.retry();
        for (EgressSession session : List.copyOf(sessions)) {
            session.close();
        }
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        LimitSupport.requireWithin(request.limits(), engine());
        leftovers.retry();
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
