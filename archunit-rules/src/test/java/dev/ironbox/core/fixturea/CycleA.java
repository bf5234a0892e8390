package dev.ironbox.core.fixturea;

import dev.ironbox.core.fixtureb.CycleB;

/** Fixture: one half of a cycle between two core packages. */
public class CycleA {
    public int use() {
        return new CycleB().value();
    }

    public int value() {
        return 1;
    }
}
