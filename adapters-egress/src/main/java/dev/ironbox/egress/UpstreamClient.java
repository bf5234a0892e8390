package dev.ironbox.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The proxy's one Jetty {@link HttpClient} for upstream requests, shared by every lease. It never resolves a name:
 * each request carries, as its tag, the {@link PinnedAddress} the proxy judged, and connections go to exactly that
 * address (so no DNS rebinding between check and connect), while the URI keeps the name for the Host header, SNI
 * and certificate checks. Upstream TLS trusts the JDK's default CAs plus the optional extra CA file.
 */
final class UpstreamClient {

    private UpstreamClient() {}

    /**
     * Jetty's default (16 KiB) makes a 100 MiB body thousands of read-write-demand rounds through the proxy, each
     * handed between threads; 64 KiB reads take four times fewer (the tunnel's buffer is as large).
     */
    static final int RESPONSE_BUFFER_BYTES = 64 * 1024;

    /**
     * A request's tag: the address it was judged for and the lease ({@code owner}) it came from. Jetty keeps one pool
     * of keep-alive connections per origin (scheme, host, port, tag), so an upstream connection is reused only by
     * the same lease for the same name and address: never by another run (whose requests, credentials and
     * connection-bound state, such as a server's per-connection login, are none of this one's business).
     */
    record PinnedAddress(InetAddress address, Object owner) {}

    /** A client with no credential tokens to swap. */
    static HttpClient create(EgressProxyOptions options) {
        return create(options, new SecretTokens());
    }

    /** The client; its HTTP/1.1 connections send {@code tokens} as the secrets they stand for. */
    static HttpClient create(EgressProxyOptions options, SecretTokens tokens) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(trustStore(options.upstreamCaFile().orElse(null)));
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("ironbox-egress-upstream");
        threads.setDaemon(true);
        ClientConnector connector = new SecretSwappingConnector(tokens);
        connector.setSslContextFactory(tls);
        connector.setExecutor(threads);
        connector.setConnectTimeout(options.connectTimeout());
        connector.setIdleTimeout(options.idleTimeout());
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector, http11()));
        client.setSocketAddressResolver(new PinnedResolver());
        client.setUserAgentField(null);
        client.setDestinationIdleTimeout(Duration.ofMinutes(1).toMillis());
        client.setMaxConnectionsPerDestination(64);
        client.setResponseBufferSize(RESPONSE_BUFFER_BYTES);
        return client;
    }

    /** Closes the keep-alive connections of {@code owner}'s requests (its lease closed: none will follow). */
    static void release(HttpClient client, Object owner) {
        for (Destination destination : client.getDestinations()) {
            if (destination.getOrigin().getTag() instanceof PinnedAddress pinned && pinned.owner() == owner) {
                client.removeDestination(destination);
                LifeCycle.stop(destination);
            }
        }
    }

    /** Jetty's HTTP/1.1 only (the token swap knows its framing: a request head in one buffer). */
    private static ClientConnectionFactory.Info http11() {
        HttpClientConnectionFactory factory = new HttpClientConnectionFactory();
        return new ClientConnectionFactory.Info(factory) {
            @Override
            public List<String> getProtocols(boolean secure) {
                return List.of("http/1.1");
            }
        };
    }

    /** The JDK's default trusted CAs, plus every certificate in {@code extraCaPem} when given. */
    static KeyStore trustStore(Path extraCaPem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            int n = 0;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate ca : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, ca);
                    }
                }
            }
            if (extraCaPem != null) {
                int extra = 0;
                for (Certificate ca : readCertificates(extraCaPem)) {
                    store.setCertificateEntry("upstream-ca-" + extra++, ca);
                }
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidConfigurationException("egress proxy: cannot build the upstream trust store: " + e, e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidConfigurationException("upstream CA " + pem + ": no certificate in it");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException("upstream CA " + pem + ": cannot read it as PEM certificates ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Answers with the request's pinned address; refuses (rather than resolves) anything unpinned. */
    private static final class PinnedResolver implements SocketAddressResolver {

        @Override
        public void resolve(String host, int port, Map<String, Object> context,
                Promise<List<InetSocketAddress>> promise) {
            if (context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                    && destination.getOrigin().getTag() instanceof PinnedAddress pinned) {
                promise.succeeded(List.of(new InetSocketAddress(pinned.address(), port)));
            } else {
                promise.failed(new UnknownHostException("ironbox: no judged address for " + host));
            }
        }
    }
}
