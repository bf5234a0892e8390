package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.tck.EngineLogContract;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** No engine log of a sandbox's output (the engine log contract) on this machine's Docker engine. */
class DockerEngineLogIT extends EngineLogContract {

    private DockerClient raw;

    @Override
    protected ContainerRuntime connect() {
        DockerRuntime runtime = DockerRuntime.connect();
        raw = DockerClients.open(runtime.endpoint()).client();
        return runtime;
    }

    /** {@code <DockerRootDir>/containers/<id>}, where json-file keeps {@code <id>-json.log}. */
    @Override
    protected Path engineFilesOf(ContainerId id) {
        String fullId = raw.inspectContainerCmd(id.value()).exec().getId();
        return Path.of(raw.infoCmd().exec().getDockerRootDir(), "containers", fullId);
    }

    @AfterAll
    void closeRawClient() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }
}
