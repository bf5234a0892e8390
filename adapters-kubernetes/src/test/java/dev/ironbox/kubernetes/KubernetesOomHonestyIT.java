package dev.ironbox.kubernetes;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;

/** An OOM kill is reported from the container's terminated state (OOMKilled), on a real cluster; {@code -Pkubernetes-it}. */
class KubernetesOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }
}
