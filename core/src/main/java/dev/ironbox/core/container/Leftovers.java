package dev.ironbox.core.container;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers (of runs and sessions) and networks (of networked runs and sessions; on Podman with their anchor pods)
 * whose removal failed, typically because the engine was stopped or restarting when they ended. The service retries
 * them on each later run, session start, and at close, so an engine outage leaves nothing behind once the engine is
 * back — without it they stayed until the process died and {@code ironbox cleanup} found their owner dead.
 * Thread-safe: concurrent retries may both try one removal, which is harmless (an already-gone one is no error).
 */
public final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final ContainerRuntime runtime;
    private final Set<ContainerId> containers = ConcurrentHashMap.newKeySet();
    private final Set<SandboxNetwork> networks = ConcurrentHashMap.newKeySet();

    public Leftovers(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    public void add(ContainerId id) {
        containers.add(id);
    }

    public void add(SandboxNetwork network) {
        networks.add(network);
    }

    /**
     * Tries to remove each one again, the containers first; keeps those that still fail. The networks only once no
     * container is left: a network cannot go while one is attached, and the engine would be asked in vain (waiting
     * for it to leave, seconds each time). Never throws.
     */
    public void retry() {
        if (containers.isEmpty() && networks.isEmpty()) {
            return;
        }
        boolean containersGone = true;
        for (ContainerId id : List.copyOf(containers)) {
            try {
                runtime.lifecycle().remove(id);
                if (containers.remove(id)) {
                    LOG.info("removed container {}, which could not be removed when it ended", id);
                }
            } catch (RuntimeException stillFailing) {
                containersGone = false;
                LOG.debug("container {} still cannot be removed: {}", id, stillFailing.getMessage());
            }
        }
        if (!containersGone) {
            return;
        }
        for (SandboxNetwork network : List.copyOf(networks)) {
            try {
                runtime.networks().remove(network.id());
                if (networks.remove(network)) {
                    LOG.info("removed network {}, which could not be removed when its run or session ended",
                            network.name());
                }
            } catch (RuntimeException stillFailing) {
                LOG.debug("network {} still cannot be removed: {}", network.name(), stillFailing.getMessage());
            }
        }
    }
}
