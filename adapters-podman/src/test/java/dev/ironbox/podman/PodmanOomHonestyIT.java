package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.OomHonestyContract;

/** The OOM contract against this machine's Podman engine. */
class PodmanOomHonestyIT extends OomHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
