package dev.ironbox.core.session;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.run.ExecRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends sessions from outside their sandbox, because the idle watchdog inside runs as the sandbox's user and can be
 * stopped or kept busy by it. A running session is over when it passed its hard deadline (label
 * {@link SessionLabels#EXPIRES}, set at its start), or when it was started here and this host's record
 * ({@link SessionActivity}) shows no command or copy for longer than its idle TTL plus {@link #IDLE_GRACE} (the
 * watchdog normally ends it first). Whoever finds a session over removes it: {@code cleanup}, {@code session ls},
 * {@code session start}, {@code ps}, and an exec or copy into it (which then fails with the reason). Thread-safe.
 */
public final class SessionBackstop {

    /** How much longer than its TTL an idle session may run before the host ends it (the watchdog's turn first). */
    static final Duration IDLE_GRACE = Duration.ofSeconds(10);

    /** How long past its timeout a command may be recorded busy: its kill takes at most about this long. */
    private static final Duration EXEC_KILL_ALLOWANCE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SessionBackstop.class);

    private final ContainerRuntime runtime;
    private final SessionActivity activity;
    private final Clock clock;

    SessionBackstop(ContainerRuntime runtime, SessionActivity activity, Clock clock) {
        this.runtime = runtime;
        this.activity = activity;
        this.clock = clock;
    }

    /** The backstop of {@code runtime}, recording activity in the user's state directory. */
    public static SessionBackstop of(ContainerRuntime runtime) {
        return new SessionBackstop(runtime, SessionActivity.inUserStateDirectory(), Clock.systemUTC());
    }

    SessionActivity activity() {
        return activity;
    }

    /**
     * Runs an exec in a session, recorded on this host as activity (for the idle check); when a timed-out command's
     * processes cannot be confirmed killed, the session is stopped (fail closed).
     */
    RunResult exec(ExecRequest exec, Consumer<OutputChunk> live) throws InterruptedException {
        Duration upTo = exec.limits().timeout().plus(EXEC_KILL_ALLOWANCE);
        try (SessionActivity.Lease lease = activity.busy(runtime.id(), exec.container(), upTo)) {
            // As the session's own user, whichever process runs this exec: the container's user decides.
            return new ExecRunner(runtime.exec(), runtime.id(), HardenedSpecs.CONTAINER_USER,
                    this::stopAfterUnconfirmedKill).exec(exec, live);
        }
    }

    private void stopAfterUnconfirmedKill(ContainerId container) {
        LOG.warn("the processes of a timed-out command in session container {} could not be confirmed killed; "
                + "stopping the session", container);
        boolean interrupted = Thread.interrupted();
        try {
            runtime.lifecycle().remove(container);
        } catch (RuntimeException e) {
            LOG.error("could not stop session container {}; remove it with the engine (docker rm -f / podman rm -f)",
                    container, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the running session in {@code container} must end now; empty when it may go on (or is not a session). */
    public Optional<String> overReason(ContainerSummary container) {
        if (!container.running() || !SessionLabels.isSession(container.labels())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expires = SessionLabels.expires(container);
        if (!now.isBefore(expires)) {
            // the engine's creation time is a moment after the deadline was set: round to the second
            Duration lifetime = Duration.between(container.created(), expires).plusMillis(500);
            return Optional.of("passed its maximum lifetime of " + human(lifetime) + " at " + expires);
        }
        Duration ttl = SessionLabels.ttl(container.labels());
        Optional<Instant> idleSince = activity.idleSince(runtime.id(), container.id(), now);
        if (idleSince.isPresent() && !ttl.isZero()
                && Duration.between(idleSince.get(), now).compareTo(ttl.plus(IDLE_GRACE)) > 0) {
            return Optional.of("was idle for " + human(Duration.between(idleSince.get(), now))
                    + ", longer than its TTL of " + human(ttl) + " (its idle watchdog did not stop it)");
        }
        return Optional.empty();
    }

    /**
     * Removes the sessions among {@code containers} that are over, and forgets the records of sessions gone.
     *
     * @param containers every session container of this runtime (the records of others are dropped)
     * @return the containers that remain, in order
     */
    public List<ContainerSummary> sweep(List<ContainerSummary> containers) {
        List<ContainerSummary> kept = new ArrayList<>();
        for (ContainerSummary container : containers) {
            Optional<String> reason = overReason(container);
            if (reason.isEmpty() || !remove(container, reason.get())) {
                kept.add(container);
            }
        }
        activity.forgetAllBut(runtime.id(), kept.stream().map(c -> c.id().value()).collect(Collectors.toSet()));
        return kept;
    }

    /** Sweeps every session of this runtime; a failure to list them is only logged (a sweep is best effort). */
    void sweepAll() {
        try {
            sweep(runtime.lifecycle().describeByLabel(SessionLabels.KIND, SessionLabels.SESSION_KIND).stream()
                    .filter(c -> SessionLabels.isSession(c.labels())).toList());
        } catch (RuntimeException e) {
            LOG.debug("could not sweep the sessions of {}", runtime.id(), e);
        }
    }

    /**
     * Fails when the session is over, after removing it.
     *
     * @throws ContainerFailureException naming the session and why it was stopped
     */
    void refuseIfOver(String sessionId, ContainerSummary container) {
        Optional<String> reason = overReason(container);
        if (reason.isPresent()) {
            remove(container, reason.get());
            throw new ContainerFailureException("session " + sessionId + " " + reason.get()
                    + "; it was stopped, start a new session");
        }
    }

    private boolean remove(ContainerSummary container, String reason) {
        try {
            runtime.lifecycle().remove(container.id());
            activity.forget(runtime.id(), container.id());
            LOG.info("session {} {}; stopped it", container.labels().get(SessionLabels.SESSION), reason);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("session {} {}, but could not be stopped: {}", container.labels().get(SessionLabels.SESSION),
                    reason, e.getMessage());
            return false;
        }
    }

    /** {@code 24h}, {@code 30m}, {@code 45s}, or a combination such as {@code 1h30m}. */
    static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }
}
