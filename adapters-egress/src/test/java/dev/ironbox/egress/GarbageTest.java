package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage sent to a listener gets a 4xx and the proxy keeps serving the next request (checked after each case). The
 * upstream is 127.0.0.1, named explicitly in the allowlist.
 */
class GarbageTest {

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static EgressProxy proxy;
    private EgressLease lease;

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
    void open() {
        lease = proxy.open(InetAddress.getLoopbackAddress(),
                EgressPolicy.of(List.of(TestUpstream.HOST + ":" + upstream.plainPort()), List.of()), Map.of());
    }

    @AfterEach
    void stillServes() throws Exception {
        try {
            assertThat(Clients.get(Clients.through(lease), upstream.httpUrl("/echo")).statusCode()).isEqualTo(200);
        } finally {
            lease.close();
        }
    }

    private String send(String request) throws IOException {
        return Clients.raw(lease, request);
    }

    @Test
    void aBadRequestLineGets400() throws Exception {
        assertThat(send("THIS IS NOT HTTP\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void binaryJunkGets400() throws Exception {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        assertThat(send(new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1))).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void requestHeadersOver16KiBGet431() throws Exception {
        String answer = send("GET " + upstream.httpUrl("/echo") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void thousandsOfHeadersGet431() throws Exception {
        StringBuilder request = new StringBuilder("GET " + upstream.httpUrl("/echo") + " HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 5000; i++) {
            request.append("X-").append(i).append(": y\r\n");
        }
        assertThat(send(request.append("\r\n").toString())).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void anAbsurdlyLongTargetGets4xx() throws Exception {
        String answer = send("GET " + upstream.httpUrl("/" + "p".repeat(40_000)) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*");
    }

    @Test
    void anOriginFormTargetGets400() throws Exception {
        String answer = send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + upstream.plainPort()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("ironbox: bad request: send http://host/path");
        assertThat(lease.events()).singleElement().satisfies(event -> {
            assertThat(event.allowed()).isFalse();
            assertThat(event.status()).isEqualTo(400);
        });
    }

    @Test
    void aHostHeaderThatDisagreesWithTheTargetGets400() throws Exception {
        String answer = send("GET " + upstream.httpUrl("/echo") + " HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void anHttpsAbsoluteTargetGets400() throws Exception {
        String answer = send("GET https://127.0.0.1:" + upstream.tlsPort() + "/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aConnectWithoutAPortGets400() throws Exception {
        assertThat(send("CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aConnectToADeniedHostGets403WithTheReason() throws Exception {
        String answer = send("CONNECT 169.254.169.254:80 HTTP/1.1\r\nHost: 169.254.169.254:80\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403 ")
                .endsWith("ironbox: denied: 169.254.169.254 is not on the allowlist");
    }

    @Test
    void aConnectToAnInvalidNameGets403() throws Exception {
        assertThat(send("CONNECT bad_name!:443 HTTP/1.1\r\nHost: x\r\n\r\n")).matches("(?s)HTTP/1.1 4\\d\\d .*");
    }
}
