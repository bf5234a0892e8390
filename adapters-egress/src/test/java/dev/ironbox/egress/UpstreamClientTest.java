package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamClientTest {

    @TempDir
    Path dir;

    @Test
    void theTrustStoreHoldsTheJdkCasAndTheExtraOnes() throws Exception {
        try (TestUpstream upstream = new TestUpstream(dir)) {
            KeyStore jdk = UpstreamClient.trustStore(null);
            KeyStore both = UpstreamClient.trustStore(upstream.caFile());
            assertThat(jdk.size()).isPositive();
            assertThat(both.size()).isEqualTo(jdk.size() + 1);
            assertThat(Collections.list(both.aliases())).contains("upstream-ca-0");
        }
    }

    @Test
    void anUnreadableUpstreamCaIsAConfigurationErrorNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
        assertThatThrownBy(() -> new EgressProxy(EgressProxyOptions.defaults().withUpstreamCa(bad)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> UpstreamClient.trustStore(dir.resolve("missing.pem")))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void theClientConnectsOnlyToThePinnedAddressAndNeverResolves() throws Exception {
        try (TestUpstream upstream = new TestUpstream(dir)) {
            HttpClient client = UpstreamClient.create(EgressProxyOptions.defaults());
            client.start();
            try {
                String url = "http://pinned.invalid:" + upstream.plainPort() + "/echo";
                ContentResponse pinned = client.newRequest(url)
                        .tag(new UpstreamClient.PinnedAddress(InetAddress.getByName(TestUpstream.HOST), "test")).send();
                assertThat(pinned.getStatus()).isEqualTo(200);
                assertThat(pinned.getContentAsString()).contains("header host: pinned.invalid:" + upstream.plainPort());
                assertThatThrownBy(() -> client.newRequest(upstream.httpUrl("/echo")).send())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownHostException.class);
            } finally {
                client.stop();
            }
        }
    }
}
