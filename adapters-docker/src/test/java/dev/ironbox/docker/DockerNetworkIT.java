package dev.ironbox.docker;

import dev.ironbox.core.tck.SandboxNetworkContract;

import com.github.dockerjava.api.DockerClient;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** Sandbox networks on this machine's Docker engine; the control network is a plain Docker bridge network. */
class DockerNetworkIT extends SandboxNetworkContract {

    private DockerClient raw;

    @Override
    protected ContainerRuntime connect() {
        DockerRuntime runtime = DockerRuntime.connect();
        raw = DockerClients.open(runtime.endpoint()).client();
        return runtime;
    }

    @Override
    protected String createOrdinaryNetwork(String name, Map<String, String> labels) {
        return raw.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec().getId();
    }

    @Override
    protected void removeOrdinaryNetwork(String id) {
        raw.removeNetworkCmd(id).exec();
    }

    @AfterAll
    void closeRawClient() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }
}
