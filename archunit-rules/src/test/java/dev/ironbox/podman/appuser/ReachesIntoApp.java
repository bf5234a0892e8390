package dev.ironbox.podman.appuser;

import dev.ironbox.app.fixture.AppThing;

/** Fixture: an adapter that depends on the composition root. */
public class ReachesIntoApp {
    public int use() {
        return new AppThing().wire();
    }
}
