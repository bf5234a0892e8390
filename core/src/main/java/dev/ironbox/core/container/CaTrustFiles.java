package dev.ironbox.core.container;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.Mount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that make a sandbox trust the egress proxy's CA, written to a host directory and bound read-only into
 * the container under {@value #DIR}:
 * <ul>
 *   <li>{@value #CA}: the proxy's CA alone (for {@code NODE_EXTRA_CA_CERTS}, which adds to Node's CAs, and for
 *       importing it elsewhere);</li>
 *   <li>{@value #BUNDLE}: the proxy's CA followed by the JDK's default CAs, for the variables that <em>replace</em> a
 *       tool's CAs ({@code SSL_CERT_FILE}, {@code CURL_CA_BUNDLE}, {@code REQUESTS_CA_BUNDLE}): hosts without a
 *       credential are tunnelled blind, so their own certificates must still verify;</li>
 *   <li>{@value #TRUST_STORE}: the same certificates as a PKCS12 trust store (password {@value #PASSWORD}, it holds
 *       no key) for {@code -Djavax.net.ssl.trustStore}: a JVM cannot read a PEM trust store.</li>
 * </ul>
 * The bundle and trust store are built once per CA and reused. Thread-safe.
 */
public final class CaTrustFiles {

    static final String DIR = "/etc/ironbox";
    static final String CA = DIR + "/ca.pem";
    static final String BUNDLE = DIR + "/ca-bundle.pem";
    static final String TRUST_STORE = DIR + "/truststore.p12";
    static final String PASSWORD = "changeit";

    private static final Logger LOG = LoggerFactory.getLogger(CaTrustFiles.class);
    private static final String PROXY_CA_ALIAS = "ironbox-egress-ca";

    private final AtomicReference<Prepared> cache = new AtomicReference<>();

    /**
     * Writes the three files (mode 0644) into {@code dir} and returns their read-only binds.
     *
     * @throws ContainerFailureException when the PEM holds no certificate or a file cannot be written
     */
    public List<Mount> write(Path dir, String caPem) {
        Prepared prepared = prepare(caPem);
        try {
            return List.of(
                    file(dir.resolve("ca.pem"), caPem.getBytes(StandardCharsets.US_ASCII), CA),
                    file(dir.resolve("ca-bundle.pem"), prepared.bundle(), BUNDLE),
                    file(dir.resolve("truststore.p12"), prepared.trustStore(), TRUST_STORE));
        } catch (IOException e) {
            throw new ContainerFailureException("cannot write the egress proxy's CA files to " + dir + ": " + e, e);
        }
    }

    private static Mount file(Path path, byte[] content, String containerPath) throws IOException {
        Files.write(path, content);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // readable by default where there are no POSIX permissions
        }
        return new Mount(path, containerPath, true);
    }

    private Prepared prepare(String caPem) {
        Prepared known = cache.get();
        if (known != null && known.caPem().equals(caPem)) {
            return known;
        }
        Prepared made = build(caPem);
        cache.set(made);
        return made;
    }

    private static Prepared build(String caPem) {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> proxyCas = x509.generateCertificates(
                    new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            if (proxyCas.isEmpty()) {
                throw new ContainerFailureException("the egress proxy's CA PEM holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            StringBuilder bundle = new StringBuilder(caPem.strip()).append('\n');
            int i = 0;
            for (Certificate ca : proxyCas) {
                store.setCertificateEntry(PROXY_CA_ALIAS + (i++ == 0 ? "" : "-" + i), ca);
            }
            for (DefaultCa ca : defaultCas()) {
                if (!store.containsAlias(ca.alias())) {
                    store.setCertificateEntry(ca.alias(), ca.certificate());
                    bundle.append(pem(ca.certificate()));
                }
            }
            ByteArrayOutputStream p12 = new ByteArrayOutputStream();
            store.store(p12, PASSWORD.toCharArray());
            return new Prepared(caPem, bundle.toString().getBytes(StandardCharsets.US_ASCII), p12.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new ContainerFailureException("cannot build a trust store for the egress proxy's CA: " + e, e);
        }
    }

    /** The JDK's default CAs ({@code lib/security/cacerts}); none, with a warning, when they cannot be read. */
    private static List<DefaultCa> defaultCas() {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        KeyStore store;
        try {
            store = KeyStore.getInstance(cacerts.toFile(), PASSWORD.toCharArray());
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            LOG.warn("cannot read the JDK's CAs from {} ({}); the sandbox will trust only the egress proxy's CA, so"
                    + " HTTPS to hosts without a credential will not verify", cacerts, e.toString());
            return List.of();
        }
        List<DefaultCa> found = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                    found.add(new DefaultCa(alias, c));
                }
            }
        } catch (GeneralSecurityException e) {
            LOG.warn("cannot list the JDK's CAs in {}: {}", cacerts, e.toString());
        }
        return found;
    }

    private static String pem(Certificate certificate) throws GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    private record DefaultCa(String alias, X509Certificate certificate) {}

    private record Prepared(String caPem, byte[] bundle, byte[] trustStore) {}
}
