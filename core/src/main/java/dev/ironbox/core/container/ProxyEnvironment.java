package dev.ironbox.core.container;

import dev.ironbox.core.model.egress.CredentialMapping;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables that route a sandbox's ordinary tools through the egress proxy: the lower- and upper-case proxy
 * variables, empty {@code NO_PROXY} (which also overrides one set by the image), the JVM's proxy properties in
 * {@code JAVA_TOOL_OPTIONS}, a placeholder in each credential's variable, and, when the proxy has a CA, the variables
 * that point TLS clients at its files ({@link CaTrustFiles}).
 */
public final class ProxyEnvironment {

    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private ProxyEnvironment() {}

    /**
     * @param proxy {@code http://<gateway>:<port>}
     * @param credentials the credentials the proxy will add; each one's variable gets its placeholder, never the
     *     secret
     * @param withCa whether the CA files are bound into the container
     */
    public static Map<String, String> of(URI proxy, List<CredentialMapping> credentials, boolean withCa) {
        Map<String, String> env = new LinkedHashMap<>();
        String uri = proxy.toString();
        for (String name : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")) {
            env.put(name, uri);
        }
        env.put("no_proxy", "");
        env.put("NO_PROXY", "");
        for (CredentialMapping mapping : credentials) {
            env.put(mapping.secretName(), mapping.placeholder());
        }
        String host = proxy.getHost().startsWith("[") ? proxy.getHost().substring(1, proxy.getHost().length() - 1)
                : proxy.getHost();
        StringBuilder java = new StringBuilder()
                .append("-Dhttp.proxyHost=").append(host).append(" -Dhttp.proxyPort=").append(proxy.getPort())
                .append(" -Dhttps.proxyHost=").append(host).append(" -Dhttps.proxyPort=").append(proxy.getPort());
        if (withCa) {
            env.put("SSL_CERT_FILE", CaTrustFiles.BUNDLE);
            env.put("CURL_CA_BUNDLE", CaTrustFiles.BUNDLE);
            env.put("REQUESTS_CA_BUNDLE", CaTrustFiles.BUNDLE);
            env.put("NODE_EXTRA_CA_CERTS", CaTrustFiles.CA);
            java.append(" -Djavax.net.ssl.trustStore=").append(CaTrustFiles.TRUST_STORE)
                    .append(" -Djavax.net.ssl.trustStorePassword=").append(CaTrustFiles.PASSWORD)
                    .append(" -Djavax.net.ssl.trustStoreType=PKCS12");
        }
        env.put(JAVA_TOOL_OPTIONS, java.toString());
        return env;
    }
}
