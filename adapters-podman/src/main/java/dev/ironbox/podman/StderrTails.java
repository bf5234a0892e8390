package dev.ironbox.podman;

import dev.ironbox.core.model.ContainerId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end of each followed container's stderr, as its attach delivers it, for {@link ExitWatcher} to read catatonit's
 * last words ({@link InitFailures}). Not the engine's log: Ironbox turns that off (a flooding sandbox would fill the
 * host's disk). {@link PodmanLogs} registers a container's tail when its follow starts and forgets it when the follow
 * is closed. Thread-safe.
 */
final class StderrTails {

    private final Map<String, Followed> byContainer = new ConcurrentHashMap<>();

    void register(ContainerId id, InitFailures.StderrTail tail, StreamPump pump) {
        byContainer.put(id.value(), new Followed(tail, pump));
    }

    void forget(ContainerId id) {
        byContainer.remove(id.value());
    }

    /**
     * {@code id}'s stderr once its stream ended (waiting at most {@code timeout}: a stopped container's attach ends
     * at once), or empty when nobody follows it.
     */
    String awaitTail(ContainerId id, Duration timeout) throws InterruptedException {
        Followed followed = byContainer.get(id.value());
        if (followed == null) {
            return "";
        }
        followed.pump().awaitEnd(timeout);
        return followed.tail().text();
    }

    private record Followed(InitFailures.StderrTail tail, StreamPump pump) {}
}
