package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;

class DockerNetworksTest {

    @Test
    void aNetworkWithActiveEndpointsIsInUse() {
        // Docker 20.10's answer to DELETE /networks/{id} while a container is attached
        DockerException inUse = new DockerException("Status 403: {\"message\":\"error while removing network: network"
                + " n id 5c1d has active endpoints\"}", 403);
        assertThat(DockerNetworks.isInUse(inUse)).isTrue();
        assertThat(DockerNetworks.isInUse(new DockerException("Status 403: {\"message\":\"forbidden\"}", 403)))
                .isFalse();
        assertThat(DockerNetworks.isInUse(new NotFoundException("Status 404: {\"message\":\"network n not found\"}")))
                .isFalse();
    }
}
