package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SeccompContract;

/** Ironbox's seccomp profile (the seccomp contract) on this machine's Docker engine. */
class DockerSeccompIT extends SeccompContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
