package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import java.util.function.Consumer;

/**
 * {@link LogCollectionPort} on a cluster. Following a created pod only registers the sink: the start attaches to the
 * sandbox container before it releases the command (see {@link PodAttach}), which is what makes the follow miss
 * nothing. The follow ends when that attach ends (the container's streams closed, every chunk delivered).
 */
public final class PodLogs implements LogCollectionPort {

    private final PodRuns runs;

    public PodLogs(Cluster cluster, PodRuns runs) {
        this.runs = runs;
    }

    /**
     * @throws ContainerFailureException when this runtime did not create the pod (or removed it), or its output is
     *     already followed
     */
    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        PodRuns.Run run = runs.run(id.value()).orElseThrow(() -> new ContainerFailureException(
                "cannot follow the output of pod " + id.value() + ": this Ironbox instance did not create it"));
        try {
            return run.follow(sink);
        } catch (IllegalStateException e) {
            throw new ContainerFailureException("cannot follow the output of pod " + id.value() + ": "
                    + e.getMessage(), e);
        }
    }
}
