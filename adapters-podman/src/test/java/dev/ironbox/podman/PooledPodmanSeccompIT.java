package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SeccompContract;

/** the seccomp contract against this machine's Podman engine, every run in a warm sandbox of the pool. */
class PooledPodmanSeccompIT extends SeccompContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
