package dev.ironbox.app.cliuser;

import dev.ironbox.cli.fixture.CliThing;

/** Fixture: a composition-root class that depends on the command line. */
public class ReachesIntoCli {
    public String use() {
        return new CliThing().run();
    }
}
