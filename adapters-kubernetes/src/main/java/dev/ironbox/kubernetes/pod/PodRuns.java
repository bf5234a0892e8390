package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerSpec;

/**
 * STUB of the foundation (its owner fills it): what this runtime knows of the pods it created and has not removed —
 * the spec each was made from (the feed needs its binds), the sink a follow registered before the start. Thread-safe.
 */
public final class PodRuns {

    public PodRuns() {}

    /** Called by the creation once the API server accepted pod {@code pod} made from {@code spec}. */
    public void created(String pod, ContainerSpec spec) {}
}
