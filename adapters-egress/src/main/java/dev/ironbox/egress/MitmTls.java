package dev.ironbox.egress;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS termination for hosts that get a credential: a CA made when the proxy starts (kept in memory only; its
 * certificate is what sandboxes trust) and, per host, a leaf certificate it signs, served by a Jetty
 * {@link SslConnectionFactory} whose next protocol is HTTP/1.1. Thread-safe.
 */
final class MitmTls implements AutoCloseable {

    private static final Duration VALIDITY = Duration.ofDays(365);

    private final KeyPair authorityKeys = Certificates.newKeyPair();
    private final X509Certificate authority;
    private final String authorityPem;
    private final ConcurrentMap<String, SslConnectionFactory> factories = new ConcurrentHashMap<>();

    MitmTls() {
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        authority = Certificates.authority("Ironbox egress proxy CA " + HexFormat.of().formatHex(id),
                authorityKeys, VALIDITY);
        authorityPem = Certificates.pem(authority);
    }

    /** The CA certificate, PEM. */
    String authorityPem() {
        return authorityPem;
    }

    /** A started connection factory that terminates TLS as {@code host}; made once per host. */
    SslConnectionFactory connectionFactoryFor(String host) {
        return factories.computeIfAbsent(host, this::newFactory);
    }

    private SslConnectionFactory newFactory(String host) {
        KeyPair keys = Certificates.newKeyPair();
        X509Certificate leaf = Certificates.leaf(host, keys.getPublic(), authority, authorityKeys.getPrivate(),
                VALIDITY);
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("leaf", keys.getPrivate(), password.toCharArray(), new Certificate[] {leaf, authority});
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(store);
            tls.setKeyStorePassword(password);
            tls.setKeyManagerPassword(password);
            SslConnectionFactory factory = new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString());
            factory.start();
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a TLS key store for " + host, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start TLS for " + host, e);
        }
    }

    /**
     * The connection that replaces the HTTP connection a CONNECT arrived on: TLS as {@code target.host()}, then
     * HTTP/1.1 on the same listener, whose connection attribute {@link Target#TERMINATED_TUNNEL} is {@code target}.
     */
    Connection upgrade(Request connect, Target target) {
        EndPoint endPoint = connect.getTunnelSupport().getEndPoint();
        Connection tls = connectionFactoryFor(target.host())
                .newConnection(connect.getConnectionMetaData().getConnector(), endPoint);
        if (!(tls instanceof SslConnection ssl)
                || !(ssl.getSslEndPoint().getConnection() instanceof Attributes inner)) {
            throw new IllegalStateException("unexpected TLS connection " + tls);
        }
        inner.setAttribute(Target.TERMINATED_TUNNEL, target);
        return tls;
    }

    @Override
    public void close() {
        factories.values().forEach(factory -> LifeCycle.stop(factory));
        factories.clear();
    }
}
