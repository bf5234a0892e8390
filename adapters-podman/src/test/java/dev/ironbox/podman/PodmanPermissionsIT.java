package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxPermissionsContract;

/** What a workspace_write sandbox leaves on the host, and cp's links, against this machine's Podman engine. */
class PodmanPermissionsIT extends SandboxPermissionsContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
