package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.TimeoutHonestyContract;

/** The honest-timeout contract against this machine's Docker engine. */
class DockerTimeoutHonestyIT extends TimeoutHonestyContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
