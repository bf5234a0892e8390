package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.StandardInputContract;

/**
 * The standard-input contract against this machine's Docker engine with the warm pool on: each run with input has a warm
 * sandbox of its key ready, and must go cold all the same.
 */
class PooledDockerStandardInputIT extends StandardInputContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
