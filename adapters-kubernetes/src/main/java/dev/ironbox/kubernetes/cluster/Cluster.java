package dev.ironbox.kubernetes.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * One connection to a cluster, shared by every port of one {@code KubernetesRuntime}: the client, the namespace every
 * object of Ironbox goes to, and the settings. Thread-safe (the client is).
 *
 * @param client the fabric8 client; closed by the runtime
 * @param namespace the namespace of every pod, policy and Lease
 * @param settings the {@code [kubernetes]} settings
 * @param inCluster whether this process runs in a pod of the cluster (then an egress proxy here is reachable from
 *     the sandboxes' pods)
 */
public record Cluster(KubernetesClient client, String namespace, KubernetesSettings settings, boolean inCluster) {

    /** @throws NullPointerException when a component is {@code null} */
    public Cluster {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(settings, "settings");
    }

    /** Where the API server is, for messages: {@code https://10.0.0.1:6443, namespace sandboxes}. */
    public String describe() {
        return client.getConfiguration().getMasterUrl() + ", namespace " + namespace;
    }
}
