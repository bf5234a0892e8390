package dev.ironbox.kubernetes;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.BadInputContract;

/** Bad limits, image references and workspaces are refused before a pod is made, on a real cluster; {@code -Pkubernetes-it}. */
class KubernetesBadInputIT extends BadInputContract {

    @Override
    protected ContainerRuntime connect() {
        return KubernetesTestCluster.connect();
    }
}
