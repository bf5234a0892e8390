package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class PodLifecycle implements ContainerLifecyclePort {

    public PodLifecycle(dev.ironbox.kubernetes.cluster.Cluster cluster, PodRuns runs) {}

    @Override
    public void start(ContainerId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void kill(ContainerId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void remove(ContainerId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<ContainerId> listByLabel(String key, String value) {
        throw new UnsupportedOperationException("not built yet");
    }
}
