package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import dev.ironbox.core.model.ContainerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether Docker's event log holds an {@code oom} event for a container. Docker 20.10 sometimes handles a container's
 * exit before its OOM event and then never sets {@code State.OOMKilled} (seen in 3 of 50 memory hogs, also after
 * seconds); the event itself is still logged, after the {@code die}. The daemon keeps its last events in memory, so a
 * bounded query ({@code since} the container's start, {@code until} now) answers at once.
 */
final class DockerOomEvents {

    /** How long one query may take; it answers from memory. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final DockerClient client;

    DockerOomEvents(DockerClient client) {
        this.client = client;
    }

    /** Whether the daemon logged an OOM kill in container {@code id} since {@code since}; false when it cannot say. */
    boolean logged(ContainerId id, Instant since) throws InterruptedException {
        return seen(id, since, "oom").orElse(false);
    }

    /**
     * Whether the daemon logged a kill sent through its API ({@code docker kill}, {@code docker stop}) to container
     * {@code id} since {@code since}; true when it cannot say, so that an unexplained SIGKILL is never called an OOM
     * kill without the engine's word.
     */
    boolean killedThroughTheEngine(ContainerId id, Instant since) throws InterruptedException {
        return seen(id, since, "kill").orElse(true);
    }

    /** Whether an event of {@code type} was logged; empty when the daemon did not list its events. */
    private Optional<Boolean> seen(ContainerId id, Instant since, String type) throws InterruptedException {
        try (OomCallback callback = new OomCallback()) {
            try {
                client.eventsCmd().withSince(epoch(since)).withUntil(epoch(Instant.now()))
                        .withContainerFilter(id.value()).withEventFilter(type).exec(callback);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            if (!callback.await(QUERY_TIMEOUT) || callback.failure().isPresent()) {
                return Optional.ofNullable(callback.seen ? Boolean.TRUE : null);
            }
            return Optional.of(callback.seen);
        }
    }

    /** Docker's timestamp form: Unix seconds with nanoseconds. */
    static String epoch(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    private static final class OomCallback extends StreamCallback<Event> {

        private volatile boolean seen;

        @Override
        public void onNext(Event event) {
            seen = true;
        }
    }
}
