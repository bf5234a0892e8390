package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.util.function.Consumer;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class PodLogs implements LogCollectionPort {

    public PodLogs(dev.ironbox.kubernetes.cluster.Cluster cluster, PodRuns runs) {}

    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        throw new UnsupportedOperationException("not built yet");
    }
}
