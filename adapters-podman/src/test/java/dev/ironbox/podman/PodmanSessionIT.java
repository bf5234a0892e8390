package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxSessionContract;

/** The session contract against this machine's Podman engine. */
class PodmanSessionIT extends SandboxSessionContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
