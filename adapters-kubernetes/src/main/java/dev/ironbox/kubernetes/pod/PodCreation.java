package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.port.out.ContainerCreationPort;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class PodCreation implements ContainerCreationPort {

    public PodCreation(dev.ironbox.kubernetes.cluster.Cluster cluster, dev.ironbox.kubernetes.owner.InstanceLease lease, dev.ironbox.kubernetes.network.DefaultDeny defaultDeny, PodRuns runs) {}

    @Override
    public ContainerId create(ContainerSpec spec) {
        throw new UnsupportedOperationException("not built yet");
    }
}
