package dev.ironbox.core.model;

import java.util.Locale;

/** A step of a sandboxed run, as {@link RunResultDef#timings()} times it. */
public enum RunPhase {
    /** Making sure the image is there (inspect, pull, build). */
    IMAGE,
    /** The run's own network and proxy lease (egress runs only). */
    NETWORK,
    /** Creating the container. */
    CREATE,
    /** Taking a warm sandbox from the pool (pooled runs, instead of CREATE and START). */
    CLAIM,
    /** Attaching to the container's output. */
    ATTACH,
    /** Starting the container (cold runs). */
    START,
    /** Handing the command to a warm sandbox's shim (pooled runs). */
    HANDOVER,
    /** The command's own time, from its start to its exit (or its kill at the deadline). */
    WAIT,
    /** Reading the rest of the output after the exit. */
    DRAIN,
    /** Removing the container, when the caller waited for it. */
    REMOVE;

    /** The name in JSON and logs: {@code create}, {@code wait}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
