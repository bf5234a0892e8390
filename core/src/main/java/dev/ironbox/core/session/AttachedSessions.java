package dev.ironbox.core.session;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.egress.setup.EgressSession;
import dev.ironbox.core.label.SandboxUser;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.workspace.SweepRule;
import dev.ironbox.core.workspace.WorkspaceSweep;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attached sessions one service started, held so that their containers and networks go when the service closes,
 * and so that the lease and network of one whose container stopped on its own (its idle TTL, the engine) are
 * released by a periodic sweep: the watchdog that stopped it runs inside the container, so nothing else would tell
 * this process. Thread-safe.
 */
final class AttachedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(AttachedSessions.class);

    /** How often attached sessions with a network are checked for having stopped on their own. */
    private static final Duration REAP_PERIOD = Duration.ofSeconds(30);

    /**
     * An attached session's container and its network (none when its policy allows no egress), and its workspace
     * when the sandbox may write it (to sweep when the session ends).
     */
    record Attached(ContainerId container, EgressSession network, Optional<Path> writableWorkspace,
            Instant started) {}

    private final ContainerRuntime runtime;
    private final Leftovers leftovers;
    private final Map<String, Attached> attached = new ConcurrentHashMap<>();
    private ScheduledExecutorService reaper; // guarded by this; made at the first attached session with a network
    private boolean closed; // guarded by this

    /** @param leftovers where the containers whose removal failed are kept, to be tried again (the service does) */
    AttachedSessions(ContainerRuntime runtime, Leftovers leftovers) {
        this.runtime = runtime;
        this.leftovers = leftovers;
    }

    /** Holds session {@code id}; one {@code withNetwork} is swept for having stopped on its own. */
    void add(String id, Attached session, boolean withNetwork) {
        attached.put(id, session);
        if (withNetwork) {
            startReaper();
        }
    }

    /** Lets go of session {@code id} (the caller releases it); null when it is not held here. */
    Attached remove(String id) {
        return attached.remove(id);
    }

    /**
     * Releases the lease and network of every held session whose container stopped on its own. An engine that cannot
     * be asked now is asked again at the next sweep.
     */
    void releaseStopped() {
        for (Map.Entry<String, Attached> entry : attached.entrySet()) {
            String id = entry.getKey();
            try {
                boolean running = runtime.lifecycle().describeByLabel(SessionLabels.SESSION, id).stream()
                        .anyMatch(c -> c.running() && id.equals(c.labels().get(SessionLabels.SESSION)));
                if (!running && attached.remove(id, entry.getValue())) {
                    LOG.info("session {} stopped on its own; releasing its network", id);
                    release(entry.getValue());
                }
            } catch (RuntimeException e) {
                LOG.debug("could not look at session {} now; trying again at the next sweep", id, e);
            }
        }
    }

    /** Stops the sweep, then stops every held session and removes its network. Never throws. */
    void close() {
        stopReaper();
        for (String id : List.copyOf(attached.keySet())) {
            Attached session = attached.remove(id);
            if (session != null) {
                release(session);
            }
        }
    }

    /**
     * Removes the container even when this thread was interrupted, then restores the interrupt.
     *
     * @return whether it is gone
     */
    boolean removeQuietly(ContainerId container) {
        try {
            Uninterruptibly.run(() -> runtime.lifecycle().remove(container)); // a second interrupt must not abort it
            return true;
        } catch (RuntimeException e) {
            leftovers.add(container); // typically the engine is away: the service retries
            LOG.error("could not remove session container {}; this service retries on its next run, session start and"
                    + " close, else remove it with the engine (docker rm -f / podman rm -f); it carries the label"
                    + " dev.ironbox.managed=true", container, e);
            return false;
        }
    }

    private void release(Attached session) {
        session.network().closeLease();
        if (removeQuietly(session.container())) {
            session.writableWorkspace().ifPresent(workspace -> WorkspaceSweep.sweep(workspace,
                    SweepRule.since(SandboxUser.current().uid(), session.started()), false));
        }
        session.network().close();
    }

    private synchronized void startReaper() {
        if (reaper == null && !closed) {
            reaper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "ironbox-session-reaper");
                thread.setDaemon(true);
                return thread;
            });
            reaper.scheduleWithFixedDelay(this::releaseStopped, REAP_PERIOD.toSeconds(), REAP_PERIOD.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    private synchronized void stopReaper() {
        closed = true;
        if (reaper != null) {
            reaper.shutdownNow();
        }
    }
}
