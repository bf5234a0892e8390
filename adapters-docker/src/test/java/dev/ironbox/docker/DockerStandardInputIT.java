package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.StandardInputContract;

/** The standard-input contract against this machine's Docker engine. */
class DockerStandardInputIT extends StandardInputContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
