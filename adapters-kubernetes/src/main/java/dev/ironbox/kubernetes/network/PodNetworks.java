package dev.ironbox.kubernetes.network;

import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.NetworkPort;
import java.util.List;
import java.util.Map;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class PodNetworks implements NetworkPort {

    public PodNetworks(dev.ironbox.kubernetes.cluster.Cluster cluster, dev.ironbox.kubernetes.owner.InstanceLease lease) {}

    @Override
    public SandboxNetwork createInternal(String name, Map<String, String> labels) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void remove(String networkId) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<String> listByLabel(String key, String value) {
        throw new UnsupportedOperationException("not built yet");
    }
}
