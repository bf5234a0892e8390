package dev.ironbox.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Credentials never reach a log line whatever the backend: under slf4j-simple (no logback, so no
 * {@code JettyLogFloor}) with every logger at TRACE, the proxy injects a credential as a Bearer header, a named header
 * and a query parameter, over plain HTTP and inside a terminated TLS tunnel, and no line on System.err holds the
 * secret. Runs in its own surefire execution ({@code log-redaction} in this module's POM), with logback off the
 * class path and {@code simplelogger.properties} setting TRACE.
 */
class CredentialLogRedactionTest {

    private static final String SECRET = "sk-redact-9q8w7e6r5t";
    private static final String NAME = "TEST_API_KEY";
    /** A harmless header sent with each request: it must show in the log, proving request headers are logged. */
    private static final String PROBE = "probe-visible-4c1d";

    @TempDir
    Path dir;

    @Test
    void noSecretInAnyLogLineAtTrace() throws Exception {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.slf4j.simple.");
        assertThat(LoggerFactory.getLogger("org.eclipse.jetty.client").isTraceEnabled()).isTrue();

        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> answers = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (JdkEchoUpstream upstream = new JdkEchoUpstream(SECRET);
                EgressProxy proxy = new EgressProxy(EgressProxyOptions.defaults()
                        .withUpstreamCa(Files.writeString(dir.resolve("upstream-ca.pem"), upstream.caPem())))) {
            List<CredentialMapping> mappings = List.of(CredentialMapping.bearer(TestUpstream.HOST, NAME),
                    CredentialMapping.header(TestUpstream.HOST, NAME, "X-Api-Key"),
                    CredentialMapping.query(TestUpstream.HOST, NAME, "key"));
            for (CredentialMapping mapping : mappings) {
                try (EgressLease lease = proxy.open(InetAddress.getLoopbackAddress(),
                        EgressPolicy.of(List.of(upstream.hostPort(false), upstream.hostPort(true)), List.of(mapping)),
                        Map.of(NAME, SECRET))) {
                    HttpClient client = Clients.through(lease, lease.caCertificatePem().orElseThrow());
                    for (boolean secure : List.of(false, true)) {
                        String url = upstream.url(secure, "/echo?a=1&key=" + mapping.placeholder());
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                                .header("X-Probe", PROBE)
                                .header("X-Other", "keep " + mapping.placeholder()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(200);
                        answers.add(response.body());
                    }
                }
            }
        } finally {
            System.setErr(realErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        realErr.println("CredentialLogRedactionTest: " + log.lines().count() + " log lines captured at TRACE");

        // the credential did go upstream (the echo shows it as [secret]), so it passed through the proxy's requests
        assertThat(answers).hasSize(6).allSatisfy(body -> assertThat(body).contains("key=[secret]",
                "x-other: keep [secret]").doesNotContain("placeholder"));
        // the log is the proxy's own TRACE output, and it shows request headers: a secret there would show too
        assertThat(log).contains("TRACE", "DEBUG", "org.eclipse.jetty.client", "org.eclipse.jetty.proxy", PROBE);
        List<String> leaks = log.lines().filter(line -> line.contains(SECRET)).toList();
        assertThat(leaks).as("log lines holding the secret").isEmpty();
    }
}
