package dev.ironbox.core.service;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run containers whose removal failed, typically because the engine was stopped or restarting when the run ended.
 * The service retries them on each later call, so an engine outage leaves nothing behind once the engine is back —
 * without it they stayed until the process died and {@code ironbox cleanup} found their owner dead. Thread-safe.
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final ContainerLifecyclePort lifecycle;
    private final Set<ContainerId> ids = ConcurrentHashMap.newKeySet();

    Leftovers(ContainerLifecyclePort lifecycle) {
        this.lifecycle = lifecycle;
    }

    void add(ContainerId id) {
        ids.add(id);
    }

    /** Tries to remove each one again; keeps those that still fail. Never throws. */
    void retry() {
        if (ids.isEmpty()) {
            return;
        }
        for (ContainerId id : List.copyOf(ids)) {
            try {
                lifecycle.remove(id);
                ids.remove(id);
                LOG.info("removed container {}, which could not be removed when its run ended", id);
            } catch (RuntimeException stillFailing) {
                LOG.debug("container {} still cannot be removed: {}", id, stillFailing.getMessage());
            }
        }
    }
}
