package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a command that ended by itself from one the engine stopped. A Docker daemon that shuts down (a restart, without
 * {@code live-restore}) stops every container with SIGTERM; the wait then answers 143 (and a command exec'd in it
 * dies with the container: 137), which looked like the command's own exit. Ironbox never sends SIGTERM, and its own
 * kills are SIGKILLs that leave no SIGTERM event, so a {@code kill} event with signal 15 for the container means the
 * engine (or someone with access to it) stopped the sandbox: that is an error, not the command's result.
 */
final class ExternalStops {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalStops.class);

    static final int SIGTERMED = 128 + 15;
    static final int SIGKILLED = 128 + 9;
    private static final String SIGTERM = "15";
    /** The engine keeps its last events in memory; the stop, if any, came moments ago. */
    private static final Duration LOOK_BACK = Duration.ofDays(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final DockerClient client;

    ExternalStops(DockerClient client) {
        this.client = client;
    }

    /**
     * @param what what ended with {@code exitCode}, for the message ("the command", "exec")
     * @throws ContainerFailureException when {@code exitCode} is a signal death and the container was sent SIGTERM
     *     from outside Ironbox, or when the engine cannot be asked (it went away, which is why the command died)
     */
    void requireNotStopped(ContainerId id, int exitCode, String what) throws InterruptedException {
        if (exitCode != SIGTERMED && exitCode != SIGKILLED) {
            return;
        }
        Optional<String> signal = lastSigterm(id, exitCode);
        if (signal.isPresent()) {
            throw new ContainerFailureException(what + " in container " + id + " ended (exit " + exitCode
                    + ") because the engine stopped the container (SIGTERM): it is shutting down or restarting,"
                    + " or someone stopped it");
        }
    }

    private Optional<String> lastSigterm(ContainerId id, int exitCode) throws InterruptedException {
        Instant now = Instant.now();
        AtomicReference<String> found = new AtomicReference<>();
        try (StreamCallback<Event> events = new StreamCallback<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                if (attributes != null && SIGTERM.equals(attributes.get("signal"))) {
                    found.set(SIGTERM);
                }
            }
        }) {
            try {
                client.eventsCmd().withSince(seconds(now.minus(LOOK_BACK))).withUntil(seconds(now))
                        .withContainerFilter(id.value()).withEventFilter("kill")
                        .exec(events);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot tell why container " + id + " stopped", e);
            }
            if (!events.await(WAIT)) {
                // the engine answers, but its event list did not end: with a remote engine whose clock is behind
                // ours, "until now" lies in its future. The exit code then stands as the command's own
                LOG.warn("cannot tell whether the engine stopped container {}: it did not list its events within {}"
                        + " s; its exit {} is reported as the command's", id, WAIT.toSeconds(), exitCode);
                return Optional.empty();
            }
            Optional<Throwable> failure = events.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("cannot tell why container " + id + " stopped", failure.get());
            }
        }
        return Optional.ofNullable(found.get());
    }

    /** The engine's time format: seconds and nanoseconds since the epoch. */
    static String seconds(Instant instant) {
        return String.format("%d.%09d", instant.getEpochSecond(), instant.getNano());
    }
}
