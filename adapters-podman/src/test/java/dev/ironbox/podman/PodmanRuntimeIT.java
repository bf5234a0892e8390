package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.ContainerRuntimeContract;

/** The runtime contract (TCK) against this machine's Podman engine. */
class PodmanRuntimeIT extends ContainerRuntimeContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
