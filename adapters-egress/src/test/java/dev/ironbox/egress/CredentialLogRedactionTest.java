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
 * and a query parameter, over plain HTTP and inside a terminated TLS tunnel, for secrets of 8, 20 and 64 characters,
 * and no line on System.err holds any 6-character run of a secret (Jetty prints the first and last bytes of the
 * buffers it writes, so a secret must not be whole anywhere a logger sees it; not even its ends). One request of each
 * kind has the injected credential last in the head (a short path, no other header), where a buffer's printed tail
 * would show it. Runs in its own surefire execution ({@code log-redaction} in this module's POM), with logback off
 * the class path and {@code simplelogger.properties} setting TRACE.
 */
class CredentialLogRedactionTest {

    private static final String NAME = "TEST_API_KEY";
    /** A harmless header sent with each request: it must show in the log, proving request headers are logged. */
    private static final String PROBE = "probe-visible-4c1d";
    /** The shortest run of a secret that counts as a leak. */
    private static final int RUN = 6;

    @TempDir
    Path dir;

    /** A secret of {@code length} characters, safe in a URL, unlike any word, hex number or name Jetty prints. */
    private static String secret(int length) {
        String cycle = "Zq7Xw9Vj3KpY5bR";
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < length; i++) {
            secret.append(cycle.charAt((i * 7 + length) % cycle.length()));
        }
        return secret.toString();
    }

    @Test
    void noRunOfASecretInAnyLogLineAtTrace() throws Exception {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.slf4j.simple.");
        assertThat(LoggerFactory.getLogger("org.eclipse.jetty.client").isTraceEnabled()).isTrue();

        List<String> secrets = List.of(secret(8), secret(20), secret(64));
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> answers = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String secret : secrets) {
                exchange(secret, answers);
            }
        } finally {
            System.setErr(realErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        realErr.println("CredentialLogRedactionTest: " + log.lines().count() + " log lines captured at TRACE");

        // the credential did go upstream (the echo shows it as [secret]), so it passed through the proxy's requests
        assertThat(answers).hasSize(secrets.size() * 3 * 2 * 2).allSatisfy(body -> assertThat(body)
                .contains("key=[secret]").doesNotContain("placeholder", "ironbox-secret-"));
        // the log is the proxy's own TRACE output, showing request headers and the bytes written upstream
        assertThat(log).contains("TRACE", "DEBUG", "org.eclipse.jetty.client", "org.eclipse.jetty.proxy",
                "org.eclipse.jetty.io.WriteFlusher", PROBE);
        List<String> leaks = log.lines().filter(line -> secrets.stream().anyMatch(secret -> holdsRun(line, secret)))
                .toList();
        realErr.println("CredentialLogRedactionTest: " + leaks.size() + " log lines hold a run of a secret");
        assertThat(leaks).as("log lines holding %d or more characters of a secret in a row", RUN).isEmpty();
    }

    private void exchange(String secret, List<String> answers) throws Exception {
        try (JdkEchoUpstream upstream = new JdkEchoUpstream(secret);
                EgressProxy proxy = new EgressProxy(EgressProxyOptions.defaults().withUpstreamCa(Files.writeString(
                        dir.resolve("upstream-ca-" + secret.length() + ".pem"), upstream.caPem())))) {
            List<CredentialMapping> mappings = List.of(CredentialMapping.bearer(TestUpstream.HOST, NAME),
                    CredentialMapping.header(TestUpstream.HOST, NAME, "X-Api-Key"),
                    CredentialMapping.query(TestUpstream.HOST, NAME, "key"));
            for (CredentialMapping mapping : mappings) {
                try (EgressLease lease = proxy.open(InetAddress.getLoopbackAddress(),
                        EgressPolicy.of(List.of(upstream.hostPort(false), upstream.hostPort(true)), List.of(mapping)),
                        Map.of(NAME, secret))) {
                    HttpClient client = Clients.through(lease, lease.caCertificatePem().orElseThrow());
                    for (boolean secure : List.of(false, true)) {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                                upstream.url(secure, "/echo?a=1&key=" + mapping.placeholder())))
                                .header("X-Probe", PROBE)
                                .header("X-Other", "keep " + mapping.placeholder()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).contains("x-other: keep [secret]");
                        answers.add(response.body());
                        // the credential last in a short head: a buffer's printed tail would hold it
                        HttpResponse<String> shortest = client.send(HttpRequest.newBuilder(URI.create(
                                upstream.url(secure, "/?key=" + mapping.placeholder()))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(shortest.statusCode()).isEqualTo(200);
                        answers.add(shortest.body());
                    }
                }
            }
        }
    }

    private static boolean holdsRun(String line, String secret) {
        for (int i = 0; i + RUN <= secret.length(); i++) {
            if (line.contains(secret.substring(i, i + RUN))) {
                return true;
            }
        }
        return false;
    }
}
