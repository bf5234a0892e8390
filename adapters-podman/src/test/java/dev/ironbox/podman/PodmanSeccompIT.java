package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SeccompContract;

/** Ironbox's seccomp profile (the seccomp contract) on this machine's Podman engine. */
class PodmanSeccompIT extends SeccompContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
