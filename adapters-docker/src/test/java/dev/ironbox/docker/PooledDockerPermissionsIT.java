package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SandboxPermissionsContract;

/** the permissions contract against this machine's Docker engine, every run in a warm sandbox of the pool. */
class PooledDockerPermissionsIT extends SandboxPermissionsContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }

    @Override
    protected boolean pooled() {
        return true;
    }
}
