package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.ImageBuildContract;

/** Local images without a registry (the image build contract) against this machine's Podman engine. */
class PodmanImageBuildIT extends ImageBuildContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
