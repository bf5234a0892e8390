package dev.ironbox.core.model;

/** How a container's main process ended: its exit code, and whether the kernel's OOM killer ended it. */
public record ExitStatus(int exitCode, boolean oomKilled) {}
