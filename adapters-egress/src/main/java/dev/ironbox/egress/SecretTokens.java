package dev.ironbox.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for secrets, so that no Jetty object and no buffer Jetty logs ever holds one: the injected header and
 * query carry a random token ({@code ironbox-secret-} and 32 hex digits), which is what Jetty's DEBUG and TRACE lines
 * print (its request headers, URIs, generator state, the first and last bytes of each buffer it writes), and
 * {@link TokenSwap} puts the secret's bytes in place of a token only below every Jetty layer that logs: as the
 * socket takes the bytes (plain HTTP) or as the TLS engine encrypts them. Each token belongs to one lease and one
 * mapped host, and is swapped only on connections to that host. Tokens are unguessable and never leave the proxy, so
 * a sandbox cannot name one; an unknown token, or one bound for another host, goes out unchanged. Thread-safe.
 */
final class SecretTokens {

    private static final byte[] PREFIX = "ironbox-secret-".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_DIGITS = 32;
    /** Every token's length in bytes. */
    static final int LENGTH = PREFIX.length + HEX_DIGITS;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Secret> wire = new ConcurrentHashMap<>();

    /** A secret's bytes as they go upstream, and the one host they may go to. */
    private record Secret(byte[] bytes, String host) {}

    /** A new token that goes to {@code host} as {@code value} in a header (as Jetty's generator would write it). */
    String forHeader(String value, String host) {
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = value.charAt(i);
            // as HttpGenerator sanitises a value: no CR or LF (no header injection), '?' beyond ISO-8859-1
            bytes[i] = (byte) (c == '\r' || c == '\n' ? ' ' : c > 0xff ? '?' : c);
        }
        return register(bytes, host);
    }

    /** A new token that goes to {@code host} as {@code encoded}, already percent-encoded for a query. */
    String forQuery(String encoded, String host) {
        return register(encoded.getBytes(StandardCharsets.US_ASCII), host);
    }

    private String register(byte[] bytes, String host) {
        byte[] id = new byte[HEX_DIGITS / 2];
        random.nextBytes(id);
        String token = new String(PREFIX, StandardCharsets.US_ASCII) + HexFormat.of().formatHex(id);
        wire.put(token, new Secret(bytes, normal(host)));
        return token;
    }

    /** The secret behind {@code token} is no longer sent (its lease closed). */
    void forget(String token) {
        wire.remove(token);
    }

    /** Whether no token is registered (then nothing is ever swapped). */
    boolean isEmpty() {
        return wire.isEmpty();
    }

    /**
     * The secret's bytes when {@code buffer} holds, at index {@code at}, a known token bound for {@code host};
     * otherwise {@code null}. Does not move the buffer.
     */
    byte[] secretAt(ByteBuffer buffer, int at, String host) {
        if (at + LENGTH > buffer.limit()) {
            return null;
        }
        for (int j = 0; j < PREFIX.length; j++) {
            if (buffer.get(at + j) != PREFIX[j]) {
                return null;
            }
        }
        byte[] token = new byte[LENGTH];
        buffer.get(at, token);
        Secret secret = wire.get(new String(token, StandardCharsets.US_ASCII));
        return secret != null && secret.host().equals(host) ? secret.bytes() : null;
    }

    /**
     * A host as tokens are bound to it, as the policy compares hosts: lower case, without brackets or one trailing
     * dot, an IP literal in one canonical form (so the mapping's host and the connection's agree).
     */
    static String normal(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 || h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                // a literal (with ':' the JDK never looks a name up): parsed, not resolved
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }
}
