package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.HandOverContract;

/** The warm pool's hand-over against this machine's Docker engine. */
class DockerHandOverIT extends HandOverContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
