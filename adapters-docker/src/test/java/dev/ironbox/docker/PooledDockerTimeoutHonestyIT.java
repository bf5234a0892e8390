package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.TimeoutHonestyContract;

/** the timeout contract against this machine's Docker engine, every run in a warm sandbox of the pool. */
class PooledDockerTimeoutHonestyIT extends TimeoutHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
