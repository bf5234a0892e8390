package dev.ironbox.egress;

import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients of the tests: the JDK's HttpClient through a lease, and raw sockets for what a client library won't send. */
final class Clients {

    private Clients() {}

    /** A JDK HttpClient whose proxy is the lease, trusting exactly the given PEM CAs for TLS. */
    static HttpClient through(EgressLease lease, String... trustedPems) {
        URI proxy = lease.proxyUri();
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(trusting(trustedPems))
                .build();
    }

    /** A JDK HttpClient without a proxy, trusting exactly the given PEM CAs. */
    static HttpClient direct(String... trustedPems) {
        return HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(trusting(trustedPems))
                .build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static SSLContext trusting(String... pems) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (String pem : pems) {
                for (Certificate ca : factory.generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("ca-" + n++, ca);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes to the lease's listener and returns its first answer: head and body (by Content-Length). */
    static String raw(EgressLease lease, String request) throws IOException {
        URI proxy = lease.proxyUri();
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.net.SocketException e) {
                // the proxy answered and closed before reading everything: read what it said
            }
            return readAnswer(socket.getInputStream());
        }
    }

    /** One response: the head, then Content-Length bytes of body (or, without a length, up to the close). */
    static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                seen.write(b);
                if (seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String head = seen.toString(StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                    .matcher(head);
            long remaining = length.find() ? Long.parseLong(length.group(1)) : Long.MAX_VALUE;
            for (int b; remaining > 0 && (b = in.read()) >= 0; remaining--) {
                seen.write(b);
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // the peer went quiet or reset: what we have is the answer
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
