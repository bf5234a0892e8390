package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The mapped credential arrives upstream over HTTP and over HTTPS (TLS terminated by the proxy, whose CA the client
 * trusts through the lease), replacing the sandbox's placeholder; the secret never shows up in events, log lines or
 * the proxy's own replies. The upstream is 127.0.0.1, named explicitly in every allowlist (loopback is otherwise
 * refused).
 */
class CredentialInjectionTest {

    private static final String SECRET = "sk-test-5ecr3t-value";
    private static final String NAME = "TEST_API_KEY";

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static EgressProxy proxy;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

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

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void noSecretInLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
            assertThat(String.valueOf(event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                    .doesNotContain(SECRET);
        });
    }

    private static EgressLease lease(CredentialMapping mapping) {
        String entries = TestUpstream.HOST + ":" + upstream.plainPort();
        String tls = TestUpstream.HOST + ":" + upstream.tlsPort();
        return proxy.open(InetAddress.getLoopbackAddress(), EgressPolicy.of(List.of(entries, tls), List.of(mapping)),
                Map.of(NAME, SECRET));
    }

    private static HttpResponse<String> get(EgressLease lease, String url, String... headers) throws Exception {
        HttpClient client = Clients.through(lease, lease.caCertificatePem().orElseThrow());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bearerReplacesTheSandboxsAuthorizationOverHttpAndHttps() throws Exception {
        CredentialMapping mapping = CredentialMapping.bearer(TestUpstream.HOST, NAME);
        try (EgressLease lease = lease(mapping)) {
            assertThat(lease.caCertificatePem()).get().asString().startsWith("-----BEGIN CERTIFICATE-----");
            for (String url : List.of(upstream.httpUrl("/echo"), upstream.httpsUrl("/echo"))) {
                HttpResponse<String> response = get(lease, url, "Authorization", "Bearer " + mapping.placeholder(),
                        "X-Other", "keep " + mapping.placeholder());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("header authorization: Bearer " + SECRET,
                        "header x-other: keep " + SECRET).doesNotContain(mapping.placeholder());
            }
            assertThat(upstreamRequests(lease)).extracting(NetworkEvent::credentialInjected).containsOnly(true);
            assertThat(lease.events()).extracting(NetworkEvent::method).containsExactly("GET", "CONNECT", "GET");
            assertNoSecretIn(lease);
        }
    }

    @Test
    void aNamedHeaderIsAddedOverHttpAndHttps() throws Exception {
        CredentialMapping mapping = CredentialMapping.header(TestUpstream.HOST, NAME, "X-Api-Key");
        try (EgressLease lease = lease(mapping)) {
            for (String url : List.of(upstream.httpUrl("/echo"), upstream.httpsUrl("/echo"))) {
                HttpResponse<String> response = get(lease, url, "X-Api-Key", mapping.placeholder());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("header x-api-key: " + SECRET)
                        .doesNotContain(mapping.placeholder(), "header authorization");
            }
            assertNoSecretIn(lease);
        }
    }

    @Test
    void aQueryParameterIsSetOverHttpAndHttps() throws Exception {
        CredentialMapping mapping = CredentialMapping.query(TestUpstream.HOST, NAME, "key");
        try (EgressLease lease = lease(mapping)) {
            for (String base : List.of(upstream.httpUrl("/echo"), upstream.httpsUrl("/echo"))) {
                HttpResponse<String> replaced = get(lease, base + "?a=1&key=" + mapping.placeholder() + "&b=2");
                assertThat(replaced.body()).contains("query: a=1&key=" + SECRET + "&b=2");
                HttpResponse<String> added = get(lease, base + "?a=1");
                assertThat(added.body()).contains("query: a=1&key=" + SECRET);
            }
            assertNoSecretIn(lease);
        }
    }

    @Test
    void withoutTheSecretNothingIsInjectedAndHttpsIsTunnelledBlind() throws Exception {
        CredentialMapping mapping = CredentialMapping.bearer(TestUpstream.HOST, NAME);
        String plain = TestUpstream.HOST + ":" + upstream.plainPort();
        String tls = TestUpstream.HOST + ":" + upstream.tlsPort();
        try (EgressLease lease = proxy.open(InetAddress.getLoopbackAddress(),
                EgressPolicy.of(List.of(plain, tls), List.of(mapping.asOptional())), Map.of())) {
            HttpClient client = Clients.through(lease, upstream.caPem());
            HttpResponse<String> response = Clients.get(client, upstream.httpsUrl("/echo"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("header authorization");
            assertThat(lease.events()).allSatisfy(event -> assertThat(event.credentialInjected()).isFalse());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheLeaseCaCannotTalkToTheMappedHost() throws Exception {
        CredentialMapping mapping = CredentialMapping.bearer(TestUpstream.HOST, NAME);
        try (EgressLease lease = lease(mapping)) {
            HttpClient client = Clients.through(lease, upstream.caPem());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clients.get(client, upstream.httpsUrl("/echo")))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void insideATerminatedTunnelTheHostHeaderIsTheConnectTarget() throws Exception {
        CredentialMapping mapping = CredentialMapping.bearer(TestUpstream.HOST, NAME);
        try (EgressLease lease = lease(mapping);
                Socket socket = new Socket(lease.proxyUri().getHost(), lease.proxyUri().getPort())) {
            socket.setSoTimeout(10_000);
            String target = TestUpstream.HOST + ":" + upstream.tlsPort();
            socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(Clients.readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
            SSLSocket tls = (SSLSocket) Clients.trusting(lease.caCertificatePem().orElseThrow()).getSocketFactory()
                    .createSocket(socket, TestUpstream.HOST, upstream.tlsPort(), true);
            tls.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = Clients.readAnswer(tls.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200 ")
                    .contains("header host: " + target, "header authorization: Bearer " + SECRET)
                    .doesNotContain("evil.example");
        }
    }

    private static List<NetworkEvent> upstreamRequests(EgressLease lease) {
        return lease.events().stream().filter(event -> !event.method().equals("CONNECT")).toList();
    }

    private static void assertNoSecretIn(EgressLease lease) {
        assertThat(lease.events()).allSatisfy(event -> assertThat(event.toString()).doesNotContain(SECRET));
    }
}
