package dev.ironbox.enginestreams.leaky;

import dev.ironbox.podman.fixture.PodmanThing;

/** Fixture: shared engine stream code that reaches into an adapter. */
public class ReachesIntoAnAdapter {
    public String borrow() {
        return new PodmanThing().id();
    }
}
