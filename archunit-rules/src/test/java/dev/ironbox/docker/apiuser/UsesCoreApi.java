package dev.ironbox.docker.apiuser;

import dev.ironbox.core.port.fixture.LeakyPort;

/** Fixture: an adapter that uses a core port only. */
public class UsesCoreApi {
    public String use(LeakyPort port) {
        return port.toString();
    }
}
