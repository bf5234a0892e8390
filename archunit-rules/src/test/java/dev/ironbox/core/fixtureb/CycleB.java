package dev.ironbox.core.fixtureb;

import dev.ironbox.core.fixturea.CycleA;

/** Fixture: the other half of a cycle between two core packages. */
public class CycleB {
    public int use() {
        return new CycleA().value();
    }

    public int value() {
        return 2;
    }
}
