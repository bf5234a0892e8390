package dev.ironbox.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An echo upstream on 127.0.0.1 (plain HTTP and HTTPS) built on the JDK's own HTTP server, which logs through
 * {@code System.Logger}, not SLF4J: so every SLF4J line a test sees comes from the proxy, never from the upstream
 * that legitimately receives the credential. every path answers with the query and headers it saw, the secret
 * it was given replaced by {@code [secret]} (so the answer, which the proxy's client logs as bytes, holds no secret).
 */
final class JdkEchoUpstream implements AutoCloseable {

    private final HttpServer plain;
    private final HttpsServer tls;
    private final String caPem;
    private final String secret;

    JdkEchoUpstream(String secret) throws Exception {
        this.secret = secret;
        KeyPair caKeys = Certificates.newKeyPair();
        X509Certificate ca = Certificates.authority("Ironbox test upstream CA", caKeys, Duration.ofDays(2));
        KeyPair leafKeys = Certificates.newKeyPair();
        X509Certificate leaf = Certificates.leaf(TestUpstream.HOST, leafKeys.getPublic(), ca, caKeys.getPrivate(),
                Duration.ofDays(1));
        caPem = Certificates.pem(ca);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", leafKeys.getPrivate(), "test".toCharArray(), new Certificate[] {leaf, ca});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "test".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);

        InetSocketAddress any = new InetSocketAddress(InetAddress.getByName(TestUpstream.HOST), 0);
        plain = HttpServer.create(any, 0);
        tls = HttpsServer.create(any, 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(context));
        plain.createContext("/", this::echo);
        tls.createContext("/", this::echo);
        plain.start();
        tls.start();
    }

    private void echo(HttpExchange exchange) throws IOException {
        StringBuilder text = new StringBuilder("query: " + exchange.getRequestURI().getRawQuery() + "\n");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                text.append("header ").append(header.getKey().toLowerCase()).append(": ").append(value).append('\n');
            }
        }
        byte[] body = text.toString().replace(secret, "[secret]").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String hostPort(boolean secure) {
        return TestUpstream.HOST + ":" + (secure ? tls : plain).getAddress().getPort();
    }

    String url(boolean secure, String pathAndQuery) {
        return (secure ? "https://" : "http://") + hostPort(secure) + pathAndQuery;
    }

    String caPem() {
        return caPem;
    }

    @Override
    public void close() {
        plain.stop(0);
        tls.stop(0);
    }
}
