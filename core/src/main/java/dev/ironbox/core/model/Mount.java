package dev.ironbox.core.model;

import java.nio.file.Path;

/** A host directory bound into the container. */
public record Mount(Path hostPath, String containerPath, boolean readOnly) {}
