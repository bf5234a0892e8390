package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.ContainerRuntimeContract;

/** the runtime contract (TCK) against this machine's Podman engine, every run in a warm sandbox of the pool. */
class PooledPodmanRuntimeIT extends ContainerRuntimeContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
