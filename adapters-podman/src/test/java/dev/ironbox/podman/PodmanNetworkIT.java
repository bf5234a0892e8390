package dev.ironbox.podman;

import dev.ironbox.core.tck.SandboxNetworkContract;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * Sandbox networks on this machine's Podman engine; the control network is a plain Podman bridge network (subnet and
 * gateway chosen by Podman). Also checks that no anchor pod outlives its network.
 */
class PodmanNetworkIT extends SandboxNetworkContract {

    private LibpodClient raw;

    @Override
    protected ContainerRuntime connect() {
        PodmanRuntime runtime = PodmanRuntime.connect();
        raw = LibpodClient.open(runtime.endpoint());
        return runtime;
    }

    @Override
    protected String createOrdinaryNetwork(String name, Map<String, String> labels) {
        Map<String, Object> body = Map.of("name", name, "driver", "bridge", "labels", labels);
        return raw.call(Method.POST, "/networks/create", body, false).orThrow().json(Libpod.Network.class).id();
    }

    @Override
    protected void removeOrdinaryNetwork(String id) {
        raw.call(Method.DELETE, "/networks/" + id, null, true).orThrow();
    }

    @AfterEach
    void leavesNoAnchorBehind() {
        PodSummary[] pods = raw.get("/pods/json", PodSummary[].class);
        assertThat(Arrays.stream(pods).map(PodSummary::name).filter(n -> n.startsWith("ironbox-it-")))
                .as("anchor pods left behind").isEmpty();
    }

    @AfterAll
    void closeRawClient() {
        if (raw != null) {
            raw.close();
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record PodSummary(String name) {}
}
