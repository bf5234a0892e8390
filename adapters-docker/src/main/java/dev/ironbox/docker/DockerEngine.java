package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineCapacity;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.port.out.EnginePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link EnginePort} on Docker: ping, then version and info. */
final class DockerEngine implements EnginePort {

    /** Docker 20.10: the oldest engine this adapter is tested against (init, pids limits, cgroup v2 support). */
    static final String MIN_API = "1.41";

    private final DockerClient client;
    private final URI endpoint;

    DockerEngine(DockerClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public EngineInfo probe() {
        Version version;
        Info info;
        try {
            client.pingCmd().exec();
            version = client.versionCmd().exec();
            info = client.infoCmd().exec();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("the Docker engine at " + endpoint + " did not answer: "
                    + DockerErrors.engineMessage(e), e);
        }
        String apiVersion = String.valueOf(version.getApiVersion());
        requireApi(apiVersion);
        List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
        return new EngineInfo(DockerRuntime.ID, String.valueOf(version.getVersion()), apiVersion,
                endpoint.toString(), socket(endpoint), security.stream().anyMatch(o -> o.contains("name=rootless")),
                info.getCGroupVersion() == null ? "1" : info.getCGroupVersion(), enforceableLimits(info),
                capacity(info));
    }

    /** {@code NCPU} and {@code MemTotal}: Docker itself refuses more CPUs than {@code NCPU}; core checks both. */
    static EngineCapacity capacity(Info info) {
        return EngineCapacity.of(info.getNCPU(), info.getMemTotal());
    }

    /**
     * docker-java's {@code Info} does not carry the engine's {@code PidsLimit} flag; a pids limit the kernel cannot
     * apply comes back as a create warning, which {@link DockerContainers} turns into a failure.
     */
    private static Set<LimitKind> enforceableLimits(Info info) {
        Set<LimitKind> limits = EnumSet.of(LimitKind.PIDS);
        if (!Boolean.FALSE.equals(info.getMemoryLimit())) {
            limits.add(LimitKind.MEMORY);
        }
        if (!Boolean.FALSE.equals(info.getCpuCfsQuota())) {
            limits.add(LimitKind.CPU);
        }
        return limits;
    }

    private void requireApi(String apiVersion) {
        if (compareVersions(apiVersion, MIN_API) < 0) {
            throw new EngineUnavailableException("the Docker engine at " + endpoint + " speaks API " + apiVersion
                    + "; Ironbox needs API " + MIN_API + " or later (Docker 20.10)");
        }
    }

    /** Compares dotted versions numerically; a non-number part counts as 0. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Optional<Path> socket(URI endpoint) {
        return "unix".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getPath() != null
                ? Optional.of(Path.of(endpoint.getPath()))
                : Optional.empty();
    }
}
