package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy keeps upstream connections alive between requests (a new connection per request is what a sandbox
 * would pay for otherwise), but only within one lease and one target: a connection that carried one run's request
 * (and its injected credential) never carries another run's, and one opened for a name never serves another name of
 * the same address. The upstream echoes the port the proxy connected from, which names the connection.
 */
class UpstreamConnectionReuseTest {

    private static final String SECRET = "sk-reuse-5ecr3t-value";
    private static final Pattern REMOTE_PORT = Pattern.compile("remote-port: (\\d+)");

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static EgressProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream(dir);
        proxy = new EgressProxy(EgressProxyOptions.defaults().withUpstreamCa(upstream.caFile()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    private static EgressLease lease(List<CredentialMapping> credentials) {
        return proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.of(List.of(
                TestUpstream.HOST + ":" + upstream.plainPort(), "localhost:" + upstream.plainPort(),
                TestUpstream.HOST + ":" + upstream.tlsPort()), credentials), Map.of("REUSE_KEY", SECRET));
    }

    private static HttpResponse<String> get(EgressLease lease, String url) throws Exception {
        HttpClient client = Clients.through(lease, upstream.caPem(), lease.caCertificatePem().orElse(upstream.caPem()));
        HttpResponse<String> response = Clients.get(client, url);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static int connection(HttpResponse<String> response) {
        Matcher m = REMOTE_PORT.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void oneLeasesRequestsToOneTargetShareAKeepAliveConnection() throws Exception {
        CredentialMapping bearer = CredentialMapping.bearer(TestUpstream.HOST, "REUSE_KEY");
        try (EgressLease lease = lease(List.of(bearer))) {
            for (String url : List.of(upstream.httpUrl("/echo"), upstream.httpsUrl("/echo"))) {
                int first = connection(get(lease, url));
                // a new client each time: the reuse is the proxy's, not the client's connection to the proxy
                assertThat(connection(get(lease, url))).as(url).isEqualTo(first);
            }
        }
    }

    @Test
    void anotherLeaseNeverGetsAConnectionThatCarriedACredential() throws Exception {
        CredentialMapping bearer = CredentialMapping.bearer(TestUpstream.HOST, "REUSE_KEY");
        try (EgressLease withCredential = lease(List.of(bearer)); EgressLease without = lease(List.of())) {
            for (String url : List.of(upstream.httpUrl("/echo"), upstream.httpsUrl("/echo"))) {
                HttpResponse<String> injected = get(withCredential, url);
                assertThat(injected.body()).contains("header authorization: Bearer " + SECRET);
                HttpResponse<String> plain = get(without, url);
                assertThat(plain.body()).as(url).doesNotContain(SECRET).doesNotContain("header authorization");
                assertThat(connection(plain)).as(url).isNotEqualTo(connection(injected));
            }
        }
    }

    @Test
    void aConnectionOpenedForOneNameNeverServesAnotherNameOfTheSameAddress() throws Exception {
        try (EgressLease lease = lease(List.of())) {
            int byAddress = connection(get(lease, upstream.httpUrl("/echo")));
            HttpResponse<String> byName = get(lease, "http://localhost:" + upstream.plainPort() + "/echo");
            assertThat(byName.body()).contains("header host: localhost:" + upstream.plainPort());
            assertThat(connection(byName)).isNotEqualTo(byAddress);
        }
    }

    @Test
    void closingALeaseClosesItsUpstreamConnections() throws Exception {
        int before = proxy.upstreamDestinations();
        try (EgressLease lease = lease(List.of())) {
            get(lease, upstream.httpUrl("/echo"));
            assertThat(proxy.upstreamDestinations()).isEqualTo(before + 1);
        }
        assertThat(proxy.upstreamDestinations()).isEqualTo(before);
    }
}
