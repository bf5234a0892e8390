package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.port.out.EnginePort;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class ClusterEngine implements EnginePort {

    public ClusterEngine(Cluster cluster) {}

    @Override
    public EngineInfo probe() {
        throw new UnsupportedOperationException("not built yet");
    }
}
