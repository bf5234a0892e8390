package dev.ironbox.app.egress;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The upstream's test PKI, made with Bouncy Castle's builders (signed through the JDK's providers): a CA, and a
 * server certificate for one IP address (an IP SAN) signed by it. {@link #caPem()} is the file the proxy is told to
 * trust ({@code upstreamCa}) and that a sandbox's curl gets with {@code --cacert} for a blind tunnel;
 * {@link #keyStore()} is a PKCS12 file with the server's key and chain, for {@link UpstreamServer}.
 *
 * @param caPem the CA certificate, PEM
 * @param keyStore PKCS12: alias {@code server}, the leaf and the CA
 * @param password of the key store and its key (a test value)
 */
public record TestCertificates(Path caPem, Path keyStore, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Makes the CA and a leaf for {@code address}; writes {@code upstream-ca.pem} to {@code publicDir} and the key
     * store to {@code privateDir} (never mounted into a sandbox). */
    public static TestCertificates create(Path publicDir, Path privateDir, InetAddress address) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=Ironbox egress IT upstream CA");
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofHours(1)));
            Date until = Date.from(now.plus(Duration.ofDays(2)));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), from, until, caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            KeyPair leafKeys = keyPair();
            String ip = address.getHostAddress();
            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caCert, serial(), from,
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + ip), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(caCert));
            X509Certificate leafCert = sign(leaf, caKeys.getPrivate());

            Path caFile = Files.writeString(publicDir.resolve("upstream-ca.pem"), pem(caCert));
            String password = "ironbox-it";
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", leafKeys.getPrivate(), password.toCharArray(),
                    new Certificate[] {leafCert, caCert});
            Path storeFile = privateDir.resolve("upstream.p12");
            try (OutputStream out = Files.newOutputStream(storeFile)) {
                store.store(out, password.toCharArray());
            }
            return new TestCertificates(caFile, storeFile, password);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make the upstream's test certificates", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }
}
