package dev.ironbox.kubernetes;

import dev.ironbox.kubernetes.cluster.Cluster;

/** For tests in the subpackages: {@link KubernetesRuntime#on}, the whole runtime on the mock API server. */
public final class KubernetesRuntimes {

    private KubernetesRuntimes() {}

    public static KubernetesRuntime on(Cluster cluster) {
        return KubernetesRuntime.on(cluster);
    }
}
