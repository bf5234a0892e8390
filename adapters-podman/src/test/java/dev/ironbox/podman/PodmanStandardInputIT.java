package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.StandardInputContract;

/** The standard-input contract against this machine's Podman engine. */
class PodmanStandardInputIT extends StandardInputContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
