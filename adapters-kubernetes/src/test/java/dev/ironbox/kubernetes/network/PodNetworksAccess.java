package dev.ironbox.kubernetes.network;

import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.owner.InstanceLease;
import java.util.Map;

/** For tests in other packages: networks as in a pod whose downward-API environment is {@code environment}. */
public final class PodNetworksAccess {

    private PodNetworksAccess() {}

    public static PodNetworks inPod(Cluster cluster, InstanceLease lease, Map<String, String> environment) {
        return new PodNetworks(cluster, lease, environment);
    }
}
