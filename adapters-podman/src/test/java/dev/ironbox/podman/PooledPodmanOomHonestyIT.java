package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;

/** the OOM contract against this machine's Podman engine, every run in a warm sandbox of the pool. */
class PooledPodmanOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
