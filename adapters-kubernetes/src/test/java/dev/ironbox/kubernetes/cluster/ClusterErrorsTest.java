package dev.ironbox.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {

    @Test
    void theClientsVagueWordsGetTheInnermostCause() {
        KubernetesClientException e = new KubernetesClientException("An error has occurred.",
                new RuntimeException("wrapped", new ConnectException("Connection refused")));

        assertThat(ClusterErrors.describe(e)).isEqualTo("An error has occurred. (Connection refused)");
    }

    @Test
    void withoutACauseTheMessageStandsAloneOnOneLine() {
        assertThat(ClusterErrors.describe(new KubernetesClientException("line one\nline two")))
                .doesNotContain("\n").startsWith("line one");
    }
}
