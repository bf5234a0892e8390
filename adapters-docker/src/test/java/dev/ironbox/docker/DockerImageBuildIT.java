package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.ImageBuildContract;

/** Local images without a registry (the image build contract) against this machine's Docker engine. */
class DockerImageBuildIT extends ImageBuildContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
