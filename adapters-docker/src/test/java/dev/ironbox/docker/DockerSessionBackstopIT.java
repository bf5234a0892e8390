package dev.ironbox.docker;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SessionBackstopContract;

/** The session backstop contract (timeout escapes, a stopped watchdog, the hard deadline) on Docker. */
class DockerSessionBackstopIT extends SessionBackstopContract {

    @Override
    protected ContainerRuntime connect() {
        return DockerRuntime.connect();
    }
}
