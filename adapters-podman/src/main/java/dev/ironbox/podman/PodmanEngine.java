package dev.ironbox.podman;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineCapacity;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.port.out.EnginePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@link EnginePort} on Podman: {@code _ping}, {@code version} and {@code info}. */
final class PodmanEngine implements EnginePort {

    private final LibpodClient client;

    PodmanEngine(LibpodClient client) {
        this.client = client;
    }

    /**
     * Reports Podman's version, its libpod API version, whether it is rootless, the host's cgroup version, and which
     * limits it can enforce: all when rootful; none when rootless on cgroups v1 (no delegation); when rootless on
     * cgroups v2, those whose controller is delegated to the user ({@code memory}, {@code cpu}, {@code pids}).
     *
     * @throws EngineUnavailableException when it does not answer, or speaks a libpod API older than 4.0.0
     */
    @Override
    public EngineInfo probe() {
        URI endpoint = client.endpoint();
        String apiVersion;
        Libpod.Version version;
        Libpod.Info info;
        try {
            apiVersion = client.ping();
            version = client.get("/version", Libpod.Version.class);
            info = client.get("/info", Libpod.Info.class);
        } catch (LibpodException e) {
            throw new EngineUnavailableException("the Podman engine at " + endpoint + " did not answer: "
                    + e.getMessage(), e);
        }
        if (!ApiVersion.isSupported(apiVersion)) {
            throw new EngineUnavailableException("the Podman engine at " + endpoint + " speaks libpod API " + apiVersion
                    + "; Ironbox needs " + ApiVersion.MINIMUM + " or later (Podman 4.0)");
        }
        Libpod.Host host = info.host();
        boolean rootless = host != null && host.security() != null && host.security().rootless();
        String cgroupVersion = cgroupVersion(host == null ? null : host.cgroupVersion());
        List<String> controllers = host == null || host.cgroupControllers() == null
                ? List.of()
                : host.cgroupControllers();
        return new EngineInfo(PodmanRuntime.ID, version.version() == null ? apiVersion : version.version(), apiVersion,
                endpoint.toString(), socket(endpoint), rootless, cgroupVersion,
                enforceableLimits(rootless, cgroupVersion, controllers), capacity(host));
    }

    /** {@code host.cpus} and {@code host.memTotal}; Podman itself does not refuse more CPUs than it has, core does. */
    static EngineCapacity capacity(Libpod.Host host) {
        return host == null ? EngineCapacity.UNKNOWN : EngineCapacity.of(host.cpus(), host.memTotal());
    }

    /** {@code v1}/{@code v2} as Podman reports it, to {@code 1}/{@code 2}; {@code unknown} when absent. */
    static String cgroupVersion(String reported) {
        if (reported == null || reported.isBlank()) {
            return "unknown";
        }
        String v = reported.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("v") ? v.substring(1) : v;
    }

    static Set<LimitKind> enforceableLimits(boolean rootless, String cgroupVersion, List<String> controllers) {
        if (!rootless) {
            return EnumSet.allOf(LimitKind.class);
        }
        Set<LimitKind> limits = EnumSet.noneOf(LimitKind.class);
        if (!"2".equals(cgroupVersion)) {
            return limits; // rootless on cgroups v1: the user owns no cgroup, so no limit applies
        }
        for (LimitKind kind : LimitKind.values()) {
            if (controllers.contains(kind.name().toLowerCase(Locale.ROOT))) {
                limits.add(kind);
            }
        }
        return limits;
    }

    static Optional<Path> socket(URI endpoint) {
        return "unix".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getPath() != null
                ? Optional.of(Path.of(endpoint.getPath()))
                : Optional.empty();
    }
}
