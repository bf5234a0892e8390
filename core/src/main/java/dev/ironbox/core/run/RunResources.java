package dev.ironbox.core.run;

import dev.ironbox.core.concurrent.Once;
import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.egress.setup.EgressSession;
import dev.ironbox.core.egress.setup.EgressSetup;
import dev.ironbox.core.egress.setup.ResolvedEgress;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.Mount;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runs of one service hold on the engine (their containers, and their networks with proxy leases), from
 * creation to removal. Creation and removal complete whatever interrupts the run's thread ({@link Uninterruptibly}):
 * an interrupted run learns what was made and removes it, so nothing is left behind by a cancel at any moment.
 * {@link #close()} waits for creations in flight, then removes what is still there. Thread-safe.
 */
public final class RunResources {

    private static final Logger LOG = LoggerFactory.getLogger(RunResources.class);

    /** What one run holds: its network session (or none), its container, and when the container was created. */
    public record Made(EgressSession session, ContainerId id, Instant begins) {}

    private final ContainerRuntime runtime;
    private final EgressSetup egress;
    /** The containers still there, each with its removal: the run's release and close may both remove it. */
    private final Map<ContainerId, Once<Boolean>> active = new ConcurrentHashMap<>();
    private final Set<EgressSession> sessions = ConcurrentHashMap.newKeySet();
    private final CreationGate gate = new CreationGate("this sandbox service is closed");
    private final Leftovers leftovers;

    /** @param leftovers shared with the sessions and the networks ({@link EgressSetup}): one retry covers them all */
    public RunResources(ContainerRuntime runtime, EgressSetup egress, Leftovers leftovers) {
        this.runtime = runtime;
        this.egress = egress;
        this.leftovers = leftovers;
    }

    /** Tries again to remove the containers and networks whose removal failed (the engine was away). Never throws. */
    public void retryLeftovers() {
        leftovers.retry();
    }

    /**
     * Opens the run's network session (when it has a network) and creates its container. An interrupt meanwhile lets
     * both finish and is restored afterwards: the caller then {@linkplain #release releases} them.
     *
     * @throws InterruptedException when the thread was interrupted before anything was made
     */
    public Made create(Optional<ResolvedEgress> network, RunRequest request, Path workspace, List<Mount> imageBinds)
            throws InterruptedException {
        return create(network, request, workspace, imageBinds, new PhaseClock());
    }

    /** As {@link #create(Optional, RunRequest, Path, List)}, timing NETWORK (when there is one) and CREATE. */
    public Made create(Optional<ResolvedEgress> network, RunRequest request, Path workspace, List<Mount> imageBinds,
            PhaseClock clock) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the container was created");
        }
        gate.enter();
        try {
            // abandoned after a hung engine kept an interrupted caller waiting: what it makes later is released then
            return Uninterruptibly.call(() -> make(network, request, workspace, imageBinds, clock), this::release);
        } finally {
            gate.leave();
        }
    }

    private Made make(Optional<ResolvedEgress> network, RunRequest request, Path workspace, List<Mount> imageBinds,
            PhaseClock clock) {
        clock.mark();
        EgressSession session = network.isEmpty() ? EgressSession.none()
                : egress.open(network.get(), OwnerLabels.forCurrentProcess(request.policy().cliName()));
        if (network.isPresent()) {
            clock.end(RunPhase.NETWORK);
        }
        sessions.add(session);
        try {
            Instant begins = Instant.now();
            ContainerSpec spec = HardenedSpecs.forRun(request, workspace, session.container(), imageBinds);
            Made made = new Made(session, createContainer(spec), begins);
            clock.end(RunPhase.CREATE);
            return made;
        } catch (RuntimeException | Error e) {
            close(session);
            throw e;
        }
    }

    private ContainerId createContainer(ContainerSpec spec) {
        try {
            ContainerId id = runtime.containers().create(spec);
            active.put(id, new Once<>());
            return id;
        } catch (RuntimeException e) {
            // a request that failed on the way (a transport error, a timeout) may have created it on the engine all
            // the same: remove it by the name chosen before the request (nothing there is fine)
            remove(new ContainerId(spec.name()));
            throw e;
        }
    }

    /** Closes the lease, removes the container, then the network; whether the container is gone. Never throws. */
    public boolean release(Made made) {
        made.session().closeLease();
        boolean removed = remove(made.id());
        close(made.session());
        return removed;
    }

    /**
     * Removes the container whatever interrupts this thread; whether it is gone. Failures are logged. Returns once it
     * is removed, also when another thread removes it (a network goes only after its container).
     */
    private boolean remove(ContainerId id) {
        Once<Boolean> removal = active.get(id);
        return removal == null ? removeNow(id) : removal.call(() -> removeNow(id));
    }

    private boolean removeNow(ContainerId id) {
        try {
            Uninterruptibly.run(() -> runtime.lifecycle().remove(id));
            active.remove(id);
            return true;
        } catch (RuntimeException e) {
            // typically the engine is stopped or restarting: the next call (or close) tries again
            active.remove(id);
            leftovers.add(id);
            LOG.error("could not remove container {}; this service retries on its next run, session start and close,"
                    + " else remove it with the engine (docker rm -f / podman rm -f); it carries the label"
                    + " dev.ironbox.managed=true", id, e);
            return false;
        }
    }

    private void close(EgressSession session) {
        session.close();
        sessions.remove(session);
    }

    /**
     * Refuses new creations, waits for those in flight, then kills and removes every container still there, closing
     * the proxy leases first and removing the networks last. Never throws.
     */
    public void close() {
        gate.closeAndAwait();
        for (EgressSession session : List.copyOf(sessions)) {
            session.closeLease();
        }
        for (ContainerId id : List.copyOf(active.keySet())) {
            remove(id);
        }
        leftovers.retry();
        for (EgressSession session : List.copyOf(sessions)) {
            close(session);
        }
    }
}
