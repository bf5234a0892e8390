package dev.ironbox.core.pool;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.container.Leftovers;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a pooled container whatever interrupts the caller; one the engine cannot remove now goes to the service's
 * {@link Leftovers}, retried on its next run and at close, as a cold run's. Thread-safe.
 */
final class PoolRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(PoolRemoval.class);

    private final ContainerRuntime runtime;
    private final Leftovers leftovers;

    PoolRemoval(ContainerRuntime runtime, Leftovers leftovers) {
        this.runtime = runtime;
        this.leftovers = leftovers;
    }

    /** Whether it is gone. Never throws. */
    boolean remove(ContainerId id) {
        try {
            Uninterruptibly.run(() -> runtime.lifecycle().remove(id));
            return true;
        } catch (RuntimeException e) {
            leftovers.add(id);
            LOG.error("could not remove pooled container {}; this service retries on its next run and at close, else"
                    + " remove it with the engine (docker rm -f / podman rm -f); it carries the label"
                    + " dev.ironbox.managed=true", id, e);
            return false;
        }
    }
}
