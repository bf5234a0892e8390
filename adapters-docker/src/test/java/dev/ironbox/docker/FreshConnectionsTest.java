package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import org.junit.jupiter.api.Test;

class FreshConnectionsTest {

    @Test
    void aPlainRequestAsksForAConnectionOfItsOwnAndKeepsEverythingElse() {
        Request request = Request.builder().method(Method.POST).path("/containers/create")
                .putHeader("Content-Type", "application/json").bodyBytes(new byte[] {'{', '}'}).build();
        Request sent = FreshConnections.closing(request);
        assertThat(sent.headers()).containsEntry("Connection", "close")
                .containsEntry("Content-Type", "application/json");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/containers/create");
        assertThat(sent.bodyBytes()).containsExactly('{', '}');
    }

    @Test
    void anUpgradeKeepsItsConnectionHeader() {
        Request upgrade = Request.builder().method(Method.POST).path("/exec/abc/start")
                .putHeader("Connection", "Upgrade").putHeader("Upgrade", "tcp").build();
        assertThat(FreshConnections.closing(upgrade).headers()).containsEntry("Connection", "Upgrade");
    }
}
