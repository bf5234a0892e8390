package dev.ironbox.core.model;

/** A size-capped, writable in-memory filesystem (no exec bit, no setuid, no devices). */
public record TmpfsMount(String containerPath, long sizeBytes) {}
