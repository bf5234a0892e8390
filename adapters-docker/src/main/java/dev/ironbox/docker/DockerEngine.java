package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.port.out.EnginePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** {@link EnginePort} on Docker: ping, then version. */
final class DockerEngine implements EnginePort {

    private final DockerClient client;
    private final URI endpoint;

    DockerEngine(DockerClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public EngineInfo probe() {
        Version version;
        try {
            client.pingCmd().exec();
            version = client.versionCmd().exec();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("the Docker engine at " + endpoint + " did not answer: "
                    + DockerErrors.engineMessage(e), e);
        }
        return new EngineInfo(DockerRuntime.ID, String.valueOf(version.getVersion()),
                String.valueOf(version.getApiVersion()), endpoint.toString(), socket(endpoint));
    }

    static Optional<Path> socket(URI endpoint) {
        return "unix".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getPath() != null
                ? Optional.of(Path.of(endpoint.getPath()))
                : Optional.empty();
    }
}
