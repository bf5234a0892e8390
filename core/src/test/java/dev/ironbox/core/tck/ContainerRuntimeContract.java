package dev.ironbox.core.tck;

import dev.ironbox.core.port.out.ContainerRuntime;

/** The runtime contract suite (TCK). Work in progress: the tests are being written. */
public abstract class ContainerRuntimeContract {

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();
}
