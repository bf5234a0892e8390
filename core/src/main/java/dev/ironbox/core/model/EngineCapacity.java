package dev.ironbox.core.model;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the machine the engine runs on has, as the engine reports it (Docker's {@code info} {@code NCPU} and
 * {@code MemTotal}, Podman's {@code host.cpus} and {@code host.memTotal}). Limits above it are refused before anything
 * is created ({@code LimitSupport}); a runtime that does not know reports {@link #UNKNOWN}, and then only the fixed
 * bounds apply.
 *
 * @param cpus the CPUs the engine can give a container, when known
 * @param memoryBytes the machine's total memory, when known
 */
public record EngineCapacity(OptionalInt cpus, OptionalLong memoryBytes) {

    /** A runtime that does not say. */
    public static final EngineCapacity UNKNOWN = new EngineCapacity(OptionalInt.empty(), OptionalLong.empty());

    /** A non-positive figure is taken as "not reported" and becomes empty. */
    public EngineCapacity {
        cpus = cpus.isPresent() && cpus.getAsInt() <= 0 ? OptionalInt.empty() : cpus;
        memoryBytes = memoryBytes.isPresent() && memoryBytes.getAsLong() <= 0 ? OptionalLong.empty() : memoryBytes;
    }

    /** From an engine's answer, where a missing or non-positive figure means it did not say. */
    public static EngineCapacity of(Integer cpus, Long memoryBytes) {
        return new EngineCapacity(cpus == null ? OptionalInt.empty() : OptionalInt.of(cpus),
                memoryBytes == null ? OptionalLong.empty() : OptionalLong.of(memoryBytes));
    }
}
