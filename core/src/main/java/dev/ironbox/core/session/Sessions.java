package dev.ironbox.core.session;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.copy.FileCopier;
import dev.ironbox.core.egress.setup.EgressSession;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.egress.setup.ResolvedEgress;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.workspace.SweepRule;
import dev.ironbox.core.workspace.WorkspaceGuard;
import dev.ironbox.core.workspace.WorkspaceSweep;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions on one runtime: start, exec, stop, list. A session is found through its labels, never through memory, so
 * any process can use a detached one; only the attached sessions this process started (and their networks) are
 * held here, to be stopped when the service closes. Thread-safe.
 */
public final class Sessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    /** Makes an image present and says which read-only binds it asks for (a host-tools image's host directories). */
    @FunctionalInterface
    public interface ImagePreparation {
        List<Mount> ensure(String image) throws InterruptedException;
    }

    private final ContainerRuntime runtime;
    private final EgressSetup egress;
    private final Leftovers leftovers;
    private final Supplier<EngineInfo> engine;
    private final ImagePreparation images;
    private final AttachedSessions attached;
    private final SessionBackstop backstop;
    private volatile boolean closed;

    /** @param leftovers where the containers whose removal failed are kept, to be tried again (the service does) */
    public Sessions(ContainerRuntime runtime, EgressSetup egress, Leftovers leftovers, Supplier<EngineInfo> engine,
            ImagePreparation images) {
        this.runtime = runtime;
        this.egress = egress;
        this.leftovers = leftovers;
        this.engine = engine;
        this.images = images;
        this.backstop = SessionBackstop.of(runtime);
        this.attached = new AttachedSessions(runtime, leftovers);
    }

    public SessionInfo start(SessionRequest request) throws InterruptedException {
        refuseIfClosed();
        if (request.detached() && request.egress().allowsAnything()) {
            throw new InvalidConfigurationException("a detached session cannot reach the network: the egress proxy "
                    + "lives in the process that runs the sandbox, and a detached session has none; use "
                    + "'ironbox run' or the Java API (an attached session) for commands that need network access");
        }
        backstop.sweepAll();
        Optional<ResolvedEgress> network = egress.resolve(request.egress());
        Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(), engine.get());
        List<Mount> imageBinds = images.ensure(request.image());
        String id = SessionLabels.newId();
        try {
            return startContainer(request, id, workspace, network, imageBinds);
        } catch (IronboxException e) {
            throw Interrupts.asInterruptedIfSo(e);
        }
    }

    /** Creates and starts the container (on its own network when it has egress); undoes everything on failure. */
    private SessionInfo startContainer(SessionRequest request, String id, Path workspace,
            Optional<ResolvedEgress> network, List<Mount> imageBinds) {
        EgressSession net = network.isEmpty() ? EgressSession.none()
                : egress.open(network.get(), OwnerLabels.forCurrentProcess(request.policy().cliName()));
        ContainerId container = null;
        boolean started = false;
        Instant begins = Instant.now();
        try {
            Instant begun = Instant.now();
            Instant expires = begun.plus(request.maxLifetime());
            container = runtime.containers().create(SessionLabels.withExpiry(
                    HardenedSpecs.forSession(request, id, workspace, net.container(), imageBinds), expires));
            runtime.lifecycle().start(container);
            backstop.activity().started(runtime.id(), container);
            if (!request.detached()) {
                attached.add(id, new AttachedSessions.Attached(container, net, request.policy().workspaceWritable()
                        ? Optional.of(workspace) : Optional.empty(), begins), network.isPresent());
            }
            refuseIfClosed(); // close() may have swept before the put
            started = true;
            LOG.info("session {} started in container {}", id, container);
            return new SessionInfo(id, runtime.id(), container, request.image(), request.policy(), begun,
                    request.idleTtl(), true, request.detached(), expires);
        } finally {
            if (!started) {
                attached.remove(id);
                net.closeLease();
                if (container != null && attached.removeQuietly(container) && request.policy().workspaceWritable()) {
                    WorkspaceSweep.sweep(workspace, SweepRule.since(SandboxUser.current().uid(), begins), false);
                }
                net.close();
            }
        }
    }

    public RunResult exec(SessionExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        ContainerSummary container = usable(request.sessionId());
        Map<String, String> labels = container.labels();
        ExecRequest exec = ExecRequest.builder()
                .container(container.id())
                .command(request.command())
                .env(request.env())
                .stdin(request.stdin())
                .limits(request.limits())
                .image(labels.getOrDefault(SessionLabels.IMAGE, container.image()))
                .policy(SessionLabels.policy(labels))
                .build();
        Instant started = Instant.now();
        try {
            return backstop.exec(exec, live);
        } finally {
            // The session runs on: a best effort, final only at its stop (WorkspaceSweep).
            sweep(container, started, true);
        }
    }

    /**
     * Sweeps the workspace of a session whose sandbox may write it ({@link WorkspaceSweep}): what changed since the
     * session started keeps no set-id bit, what changed since {@code writeSince} no group/other write.
     */
    private static void sweep(ContainerSummary container, Instant writeSince, boolean live) {
        Map<String, String> labels = container.labels();
        WorkspaceSweep.ofSession(labels).ifPresent(workspace -> WorkspaceSweep.sweep(workspace,
                new SweepRule(WorkspaceSweep.sessionUid(labels), container.created(), writeSince), live));
    }

    /** The running container of session {@code id}, for a copy (recorded as activity for its longest duration). */
    public ContainerSummary running(String id) {
        ContainerSummary container = usable(id);
        // not closed: the copy's end is not seen here, so the record lapses at the copy's own deadline
        backstop.activity().busy(runtime.id(), container.id(), FileCopier.DEFAULT_TIMEOUT);
        return container;
    }

    /** The running container of session {@code id}; one past its deadline or idle past its TTL is stopped. */
    private ContainerSummary usable(String id) {
        ContainerSummary container = find(id);
        if (!container.running()) {
            throw new ContainerFailureException("session " + id + " has stopped (idle longer than its TTL of "
                    + container.labels().get(SessionLabels.TTL_SECONDS) + "s, or stopped by the engine); "
                    + "start a new session");
        }
        backstop.refuseIfOver(id, container);
        return container;
    }

    public void stop(String id) {
        AttachedSessions.Attached ours = attached.remove(id);
        try {
            ContainerSummary container = find(id);
            if (ours != null) {
                ours.network().closeLease();
            }
            runtime.lifecycle().remove(container.id()); // forced: kills it first; already gone is fine
            LOG.info("session {} stopped", id);
            sweep(container, container.created(), false);
        } catch (RuntimeException e) {
            if (ours != null && !(e instanceof UnknownSessionException)) {
                // the engine is away: its network (closed below) cannot go while it is there, so both are retried
                leftovers.add(ours.container());
            }
            throw e;
        } finally {
            if (ours != null) {
                ours.network().close();
            }
        }
    }

    public SessionInfo session(String id) {
        return SessionLabels.toInfo(find(id), runtime.id());
    }

    /** Every session, after removing those past their deadline or idle past their TTL ({@link SessionBackstop}). */
    public List<SessionInfo> list() {
        return backstop.sweep(runtime.lifecycle().describeByLabel(SessionLabels.KIND, SessionLabels.SESSION_KIND)
                        .stream().filter(c -> SessionLabels.isSession(c.labels())).toList()).stream()
                .sorted(Comparator.comparing(ContainerSummary::created))
                .map(c -> SessionLabels.toInfo(c, runtime.id()))
                .toList();
    }

    private ContainerSummary find(String id) {
        if (!SessionLabels.isWellFormed(id)) {
            throw new UnknownSessionException("no session '" + id + "' on " + runtime.id()
                    + " (a session id is 12 lowercase hex characters, as 'session start' prints it)");
        }
        return runtime.lifecycle().describeByLabel(SessionLabels.SESSION, id).stream()
                .filter(c -> SessionLabels.isSession(c.labels()) && id.equals(c.labels().get(SessionLabels.SESSION)))
                .findFirst()
                .orElseThrow(() -> new UnknownSessionException("no session '" + id + "' on " + runtime.id()));
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new ContainerFailureException("this sandbox service is closed");
        }
    }

    /**
     * Releases the lease and network of every attached session whose container stopped on its own (its idle TTL,
     * or the engine); a sweep does this every 30 s.
     */
    public void releaseStopped() {
        attached.releaseStopped();
    }

    /** Stops the attached sessions this service started, and removes their networks. Never throws. */
    @Override
    public void close() {
        closed = true;
        attached.close();
    }
}
