package dev.ironbox.core.model;

/** A resource limit an engine may or may not be able to enforce (rootless Podman on cgroups v1 cannot). */
public enum LimitKind {
    /** The memory limit (and swap pinned to it). */
    MEMORY,
    /** The CPU quota. */
    CPU,
    /** The process and thread count. */
    PIDS
}
