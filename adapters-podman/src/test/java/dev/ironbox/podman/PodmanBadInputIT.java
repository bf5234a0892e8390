package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.BadInputContract;

/** The bad-input contract against this machine's Podman engine. */
class PodmanBadInputIT extends BadInputContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
