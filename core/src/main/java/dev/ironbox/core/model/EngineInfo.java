package dev.ironbox.core.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an engine said about itself when probed.
 *
 * @param runtimeId the Ironbox runtime id ({@code docker}, {@code podman}, ...)
 * @param version the engine's version
 * @param apiVersion the API version spoken
 * @param endpoint where it was reached, e.g. {@code unix:///var/run/docker.sock}
 * @param socket the local socket file, when the endpoint is one (a workspace must never expose it)
 * @param rootless whether the engine runs without root (user namespaces)
 * @param cgroupVersion {@code 1} or {@code 2}, as the engine reports it ({@code unknown} when it does not)
 * @param enforceableLimits the limits the engine can apply; a run needs all of them
 * @param capacity the CPUs and memory the engine's machine has; no limit may ask for more
 */
public record EngineInfo(String runtimeId, String version, String apiVersion, String endpoint, Optional<Path> socket,
        boolean rootless, String cgroupVersion, Set<LimitKind> enforceableLimits, EngineCapacity capacity) {

    /**
     * Copies the limit kinds.
     *
     * @throws NullPointerException when {@code capacity} is {@code null}
     */
    public EngineInfo {
        enforceableLimits = Set.copyOf(enforceableLimits);
        Objects.requireNonNull(capacity, "capacity");
    }

    /** An engine that does not report its capacity ({@link EngineCapacity#UNKNOWN}): a third party's, say. */
    public EngineInfo(String runtimeId, String version, String apiVersion, String endpoint, Optional<Path> socket,
            boolean rootless, String cgroupVersion, Set<LimitKind> enforceableLimits) {
        this(runtimeId, version, apiVersion, endpoint, socket, rootless, cgroupVersion, enforceableLimits,
                EngineCapacity.UNKNOWN);
    }

    /** For engines that do not report more: rootful, every limit enforceable, capacity unknown. */
    public static EngineInfo basic(String runtimeId, String version, String apiVersion, String endpoint,
            Optional<Path> socket) {
        return new EngineInfo(runtimeId, version, apiVersion, endpoint, socket, false, "unknown",
                Set.of(LimitKind.values()));
    }
}
