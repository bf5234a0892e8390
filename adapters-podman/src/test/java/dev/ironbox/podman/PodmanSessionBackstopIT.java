package dev.ironbox.podman;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.SessionBackstopContract;

/** The session backstop contract (timeout escapes, a stopped watchdog, the hard deadline) on Podman. */
class PodmanSessionBackstopIT extends SessionBackstopContract {

    @Override
    protected ContainerRuntime connect() {
        return PodmanRuntime.connect();
    }
}
