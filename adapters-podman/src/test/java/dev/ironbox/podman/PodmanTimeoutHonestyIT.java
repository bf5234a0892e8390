package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.TimeoutHonestyContract;

/** The honest-timeout contract against this machine's Podman engine. */
class PodmanTimeoutHonestyIT extends TimeoutHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
