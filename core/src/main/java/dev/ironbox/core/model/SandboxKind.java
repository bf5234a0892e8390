package dev.ironbox.core.model;

/** What an Ironbox container is for. */
public enum SandboxKind {
    /** One command ({@code ironbox run}); removed when it ends. */
    RUN,
    /** A long-lived sandbox that runs many commands ({@code ironbox session}). */
    SESSION
}
