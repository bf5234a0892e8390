package dev.ironbox.docker.coreuser;

import dev.ironbox.core.fixturea.CycleA;

/** Fixture: an adapter that uses a core class outside core's API packages. */
public class ReachesIntoCore {
    public int use() {
        return new CycleA().value();
    }
}
