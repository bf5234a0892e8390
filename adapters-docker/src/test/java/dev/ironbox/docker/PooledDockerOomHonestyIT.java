package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;

/** the OOM contract against this machine's Docker engine, every run in a warm sandbox of the pool. */
class PooledDockerOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
