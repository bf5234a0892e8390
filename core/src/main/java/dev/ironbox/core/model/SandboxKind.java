package dev.ironbox.core.model;

/** What an Ironbox container is for. */
public enum SandboxKind {
    /** One command ({@code ironbox run}); removed when it ends. */
    RUN,
    /** A long-lived sandbox that runs many commands ({@code ironbox session}). */
    SESSION,
    /**
     * A warm one-shot sandbox of the pool: created and started ahead of the run that claims it, then one command and
     * removed; still waiting for its command while unclaimed.
     */
    POOLED
}
