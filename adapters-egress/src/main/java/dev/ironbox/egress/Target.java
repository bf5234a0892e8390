package dev.ironbox.egress;

import java.net.InetAddress;

/**
 * Where a judged request goes: the name the sandbox asked for (kept for the Host header, SNI and certificate checks)
 * and the one address the proxy resolved, judged and will connect to.
 *
 * @param reason why the policy allowed it
 * @param credential the credential to add, or {@code null}
 */
record Target(String scheme, String host, int port, InetAddress address, String reason,
        CredentialInjector credential) {

    /** Connection attribute: the target of a CONNECT whose TLS the proxy terminated. */
    static final String TERMINATED_TUNNEL = Target.class.getName() + ".terminatedTunnel";

    /** The host as it goes into a URI: IPv6 literals in brackets. */
    String uriHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The Host header the upstream gets: the judged name, and the port unless it is the scheme's default. */
    String authority() {
        boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
        return defaultPort ? uriHost() : uriHost() + ":" + port;
    }

    boolean injects() {
        return credential != null;
    }
}
