package dev.ironbox.egress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The "outside" server of the tests, on 127.0.0.1: plain HTTP and HTTPS (a certificate for 127.0.0.1 signed by a
 * test CA made here with Bouncy Castle; the CA's PEM file is what the proxy is told to trust). {@code /echo} answers
 * with the request it saw (method, query, headers, body size), {@code /bytes?n=N} streams N bytes.
 */
final class TestUpstream implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final Server server;
    private final ServerConnector plain;
    private final ServerConnector tls;
    private final Path caFile;
    private final String caPem;

    TestUpstream(Path dir) throws Exception {
        KeyPair caKeys = Certificates.newKeyPair();
        X509Certificate ca = Certificates.authority("Ironbox test upstream CA", caKeys, Duration.ofDays(2));
        KeyPair leafKeys = Certificates.newKeyPair();
        X509Certificate leaf = Certificates.leaf(HOST, leafKeys.getPublic(), ca, caKeys.getPrivate(),
                Duration.ofDays(1));
        caPem = Certificates.pem(ca);
        caFile = Files.writeString(dir.resolve("upstream-ca.pem"), caPem);

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("leaf", leafKeys.getPrivate(), "test".toCharArray(), new Certificate[] {leaf, ca});
        SslContextFactory.Server sslFactory = new SslContextFactory.Server();
        sslFactory.setKeyStore(store);
        sslFactory.setKeyStorePassword("test");

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("test-upstream");
        threads.setDaemon(true);
        server = new Server(threads);
        plain = new ServerConnector(server);
        plain.setHost(HOST);
        tls = new ServerConnector(server, sslFactory);
        tls.setHost(HOST);
        server.addConnector(plain);
        server.addConnector(tls);
        server.setHandler(new Echo());
        server.start();
    }

    int plainPort() {
        return plain.getLocalPort();
    }

    int tlsPort() {
        return tls.getLocalPort();
    }

    String httpUrl(String pathAndQuery) {
        return "http://" + HOST + ":" + plainPort() + pathAndQuery;
    }

    String httpsUrl(String pathAndQuery) {
        return "https://" + HOST + ":" + tlsPort() + pathAndQuery;
    }

    Path caFile() {
        return caFile;
    }

    String caPem() {
        return caPem;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test upstream", e);
        }
    }

    private static final class Echo extends Handler.Abstract {

        private static final byte[] BLOCK = new byte[64 * 1024];

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                String path = Request.getPathInContext(request);
                if (path.startsWith("/bytes")) {
                    long n = Long.parseLong(Request.extractQueryParameters(request).getValue("n"));
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, n);
                    try (OutputStream out = Content.Sink.asOutputStream(response)) {
                        for (long left = n; left > 0; left -= BLOCK.length) {
                            out.write(BLOCK, 0, (int) Math.min(BLOCK.length, left));
                        }
                    }
                    callback.succeeded();
                    return true;
                }
                long bodyBytes = 0;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    byte[] buffer = new byte[8192];
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        bodyBytes += read;
                    }
                }
                StringBuilder text = new StringBuilder();
                text.append("method: ").append(request.getMethod()).append('\n');
                text.append("path: ").append(path).append('\n');
                text.append("query: ").append(request.getHttpURI().getQuery()).append('\n');
                text.append("secure: ").append(request.isSecure()).append('\n');
                text.append("body-bytes: ").append(bodyBytes).append('\n');
                // which connection the request came on: the proxy's port on its side of it
                text.append("remote-port: ").append(Request.getRemotePort(request)).append('\n');
                for (HttpField field : request.getHeaders()) {
                    text.append("header ").append(field.getLowerCaseName()).append(": ").append(field.getValue())
                            .append('\n');
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, text.toString(), callback);
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
            }
            return true;
        }
    }
}
