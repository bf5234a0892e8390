package dev.ironbox.cli.appuser;

import dev.ironbox.app.fixture.AppThing;

/** Fixture: a command-line class that depends on the composition root. */
public class CliReachesIntoApp {
    public int use() {
        return new AppThing().wire();
    }
}
