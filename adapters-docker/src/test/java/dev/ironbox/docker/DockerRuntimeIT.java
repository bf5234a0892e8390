package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.ContainerRuntimeContract;

/** The runtime contract (TCK) against this machine's Docker engine. */
class DockerRuntimeIT extends ContainerRuntimeContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
