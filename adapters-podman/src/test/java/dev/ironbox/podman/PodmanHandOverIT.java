package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.HandOverContract;

/** The warm pool's hand-over against this machine's Podman engine. */
class PodmanHandOverIT extends HandOverContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
