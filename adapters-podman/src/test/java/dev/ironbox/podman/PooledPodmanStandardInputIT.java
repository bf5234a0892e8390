package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.StandardInputContract;

/**
 * The standard-input contract against this machine's Podman engine with the warm pool on: each run with input has a warm
 * sandbox of its key ready, and must go cold all the same.
 */
class PooledPodmanStandardInputIT extends StandardInputContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
