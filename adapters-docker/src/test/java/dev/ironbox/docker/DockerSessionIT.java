package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxSessionContract;

/** The session contract against this machine's Docker engine. */
class DockerSessionIT extends SandboxSessionContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
