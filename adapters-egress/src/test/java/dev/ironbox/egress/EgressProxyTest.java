package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allow and deny, over plain HTTP and CONNECT, on loopback. The upstream listens on 127.0.0.1, a loopback address the
 * proxy refuses unless the allowlist names it: so every allowed case here names {@code 127.0.0.1:PORT} explicitly.
 */
class EgressProxyTest {

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
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    private static EgressLease lease(String address, String... entries) throws Exception {
        return proxy.open(InetAddress.getByName(address), EgressPolicy.of(List.of(entries), List.of()), Map.of());
    }

    private static String plainEntry() {
        return TestUpstream.HOST + ":" + upstream.plainPort();
    }

    private static String tlsEntry() {
        return TestUpstream.HOST + ":" + upstream.tlsPort();
    }

    @Test
    void allowedHttpAndHttpsSucceedAndAreRecordedWithBytes() throws Exception {
        try (EgressLease lease = lease("127.0.0.1", plainEntry(), tlsEntry())) {
            assertThat(lease.proxyUri().toString()).startsWith("http://127.0.0.1:");
            assertThat(lease.caCertificatePem()).isEmpty();
            HttpClient client = Clients.through(lease, upstream.caPem());

            HttpResponse<String> http = client.send(HttpRequest.newBuilder(URI.create(upstream.httpUrl("/echo?a=1")))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(http.statusCode()).isEqualTo(200);
            assertThat(http.body()).contains("method: POST", "query: a=1", "body-bytes: 1000", "secure: false")
                    .doesNotContain("header via", "header forwarded", "header proxy-connection");

            HttpResponse<String> https = Clients.get(client, upstream.httpsUrl("/echo"));
            assertThat(https.statusCode()).isEqualTo(200);
            assertThat(https.body()).contains("secure: true");

            List<NetworkEvent> events = lease.events();
            assertThat(events).hasSize(2);
            NetworkEvent post = events.get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.host()).isEqualTo("127.0.0.1");
            assertThat(post.port()).isEqualTo(upstream.plainPort());
            assertThat(post.allowed()).isTrue();
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.bytesUp()).isEqualTo(1000);
            assertThat(post.bytesDown()).isEqualTo(http.body().length());
            assertThat(post.credentialInjected()).isFalse();
            NetworkEvent connect = events.get(1);
            assertThat(connect.method()).isEqualTo("CONNECT");
            assertThat(connect.port()).isEqualTo(upstream.tlsPort());
            assertThat(connect.allowed()).isTrue();
            assertThat(connect.bytesUp()).isPositive();
            assertThat(connect.bytesDown()).isGreaterThan(https.body().length());
        }
    }

    @Test
    void hopByHopHeadersStayBehind() throws Exception {
        try (EgressLease lease = lease("127.0.0.1", plainEntry())) {
            String answer = Clients.raw(lease, "GET " + upstream.httpUrl("/echo") + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + upstream.plainPort() + "\r\n"
                    + "Proxy-Connection: keep-alive\r\n"
                    + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                    + "Connection: close, X-Hop\r\n"
                    + "X-Hop: 1\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "TE: trailers\r\n"
                    + "X-End-To-End: kept\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200 ")
                    .contains("header host: 127.0.0.1:" + upstream.plainPort(), "header x-end-to-end: kept")
                    .doesNotContain("header proxy-", "header x-hop", "header keep-alive",
                            "header te:", "header connection: close, x-hop");
        }
    }

    @Test
    void aHostNotOnTheAllowlistGets403WithTheReason() throws Exception {
        try (EgressLease lease = lease("127.0.0.1", "example.com")) {
            HttpClient client = Clients.through(lease);
            HttpResponse<String> denied = Clients.get(client, "http://denied.example.org/x");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).isEqualTo("ironbox: denied: denied.example.org is not on the allowlist");
            assertThat(lease.events()).singleElement().satisfies(event -> {
                assertThat(event.allowed()).isFalse();
                assertThat(event.status()).isEqualTo(403);
                assertThat(event.reason()).isEqualTo("denied.example.org is not on the allowlist");
            });
        }
    }

    @Test
    void aPortTheRuleDoesNotAllowGets403() throws Exception {
        try (EgressLease lease = lease("127.0.0.1", TestUpstream.HOST)) {
            HttpResponse<String> denied = Clients.get(Clients.through(lease), upstream.httpUrl("/echo"));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).startsWith("ironbox: denied: port " + upstream.plainPort() + " is not allowed");
        }
    }

    @Test
    void aNameThatResolvesToLoopbackIsDeniedUnlessTheAddressIsNamed() throws Exception {
        String url = "http://localhost:" + upstream.plainPort() + "/echo";
        try (EgressLease lease = lease("127.0.0.1", "localhost:" + upstream.plainPort())) {
            HttpResponse<String> denied = Clients.get(Clients.through(lease), url);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).startsWith("ironbox: denied: localhost resolves to ")
                    .contains("only an allowlist entry naming that address or range allows it");
        }
        try (EgressLease lease = lease("127.0.0.1", "localhost:" + upstream.plainPort(), plainEntry())) {
            HttpResponse<String> allowed = Clients.get(Clients.through(lease), url);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("header host: localhost:" + upstream.plainPort());
        }
    }

    @Test
    void aDeniedConnectGets403AndTheProxyKeepsServing() throws Exception {
        try (EgressLease lease = lease("127.0.0.1", plainEntry())) {
            String answer = Clients.raw(lease, "CONNECT 127.0.0.1:" + upstream.tlsPort() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + upstream.tlsPort() + "\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 403 ")
                    .endsWith("ironbox: denied: port " + upstream.tlsPort() + " is not allowed for 127.0.0.1"
                            + " (allowed: " + upstream.plainPort() + ")");
            assertThat(Clients.get(Clients.through(lease), upstream.httpUrl("/echo")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void twoLeasesOnTwoAddressesEachGetTheirOwnPolicy() throws Exception {
        try (EgressLease open = lease("127.0.0.2", plainEntry());
                EgressLease closed = lease("127.0.0.3", "example.com")) {
            assertThat(open.proxyUri().getHost()).isEqualTo("127.0.0.2");
            assertThat(closed.proxyUri().getHost()).isEqualTo("127.0.0.3");
            assertThat(Clients.get(Clients.through(open), upstream.httpUrl("/echo")).statusCode()).isEqualTo(200);
            HttpResponse<String> denied = Clients.get(Clients.through(closed), upstream.httpUrl("/echo"));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(open.events()).singleElement().satisfies(e -> assertThat(e.allowed()).isTrue());
            assertThat(closed.events()).singleElement().satisfies(e -> assertThat(e.allowed()).isFalse());
        }
    }

    @Test
    void aClosedLeaseNoLongerListens() throws Exception {
        EgressLease lease = lease("127.0.0.1", plainEntry());
        URI uri = lease.proxyUri();
        lease.close();
        lease.close();
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 2000))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void theProxyDoesNotForwardToItselfEvenWhenTheAddressIsAllowed() throws Exception {
        try (EgressLease other = lease("127.0.0.2", "example.com")) {
            int port = other.proxyUri().getPort();
            try (EgressLease lease = lease("127.0.0.1", "127.0.0.2:" + port)) {
                HttpResponse<String> denied = Clients.get(Clients.through(lease), "http://127.0.0.2:" + port + "/");
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(denied.body()).isEqualTo("ironbox: denied: 127.0.0.2:" + port + " is the egress proxy itself");
            }
        }
    }
}
