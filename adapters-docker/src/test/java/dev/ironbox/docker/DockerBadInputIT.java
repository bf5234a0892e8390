package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.BadInputContract;

/** The bad-input contract against this machine's Docker engine. */
class DockerBadInputIT extends BadInputContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
