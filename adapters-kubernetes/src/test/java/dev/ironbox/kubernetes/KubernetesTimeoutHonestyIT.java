package dev.ironbox.kubernetes;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.TimeoutHonestyContract;

/**
 * Timeouts count from the command's start, not the pod's scheduling or image pull (schedule-timeout has those), on a
 * real cluster; only under {@code -Pkubernetes-it}.
 */
class KubernetesTimeoutHonestyIT extends TimeoutHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }
}
