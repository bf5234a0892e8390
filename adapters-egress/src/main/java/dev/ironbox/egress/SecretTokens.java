package dev.ironbox.egress;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for secrets, so that no Jetty object ever holds one: the injected header and query carry a random token
 * ({@code ironbox-secret-} and 32 hex digits), which is what Jetty's DEBUG and TRACE lines print (its request
 * headers, URIs, generator state), and {@link SubstitutingEndPoint} swaps each token for the secret's bytes only in
 * the buffers written to the upstream connection. Tokens are unguessable and never leave the proxy, so a sandbox
 * cannot name one; an unknown token goes out unchanged. Thread-safe.
 */
final class SecretTokens {

    private static final byte[] PREFIX = "ironbox-secret-".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_DIGITS = 32;
    private static final int LENGTH = PREFIX.length + HEX_DIGITS;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> wire = new ConcurrentHashMap<>();

    /** A new token that goes upstream as {@code value} in a header (as Jetty's generator would write it). */
    String forHeader(String value) {
        byte[] bytes = new byte[value.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = value.charAt(i);
            // as HttpGenerator sanitises a value: no CR or LF (no header injection), '?' beyond ISO-8859-1
            bytes[i] = (byte) (c == '\r' || c == '\n' ? ' ' : c > 0xff ? '?' : c);
        }
        return register(bytes);
    }

    /** A new token that goes upstream as {@code encoded}, already percent-encoded for a query. */
    String forQuery(String encoded) {
        return register(encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private String register(byte[] bytes) {
        byte[] id = new byte[HEX_DIGITS / 2];
        random.nextBytes(id);
        String token = new String(PREFIX, StandardCharsets.US_ASCII) + HexFormat.of().formatHex(id);
        wire.put(token, bytes);
        return token;
    }

    /** The secret behind {@code token} is no longer sent (its lease closed). */
    void forget(String token) {
        wire.remove(token);
    }

    /**
     * {@code buffer}'s remaining bytes with every known token replaced by its secret, in a new buffer; {@code null}
     * when it holds no known token (the common case: nothing is copied). Does not move {@code buffer}'s position.
     */
    ByteBuffer substitute(ByteBuffer buffer) {
        if (wire.isEmpty() || buffer == null || buffer.remaining() < LENGTH) {
            return null;
        }
        ByteBuffer out = null;
        int from = buffer.position();
        int limit = buffer.limit();
        for (int i = from; i <= limit - LENGTH; i++) {
            byte[] secret = startsWithPrefix(buffer, i) ? wire.get(tokenAt(buffer, i)) : null;
            if (secret != null) {
                if (out == null) {
                    out = ByteBuffer.allocate(buffer.remaining() * 2 + secret.length * 4);
                }
                out = ensure(out, i - from + secret.length);
                out.put(buffer.slice(from, i - from)).put(secret);
                from = i + LENGTH;
                i = from - 1;
            }
        }
        if (out == null) {
            return null;
        }
        out = ensure(out, limit - from);
        out.put(buffer.slice(from, limit - from));
        return out.flip();
    }

    private static boolean startsWithPrefix(ByteBuffer buffer, int at) {
        for (int j = 0; j < PREFIX.length; j++) {
            if (buffer.get(at + j) != PREFIX[j]) {
                return false;
            }
        }
        return true;
    }

    private static String tokenAt(ByteBuffer buffer, int at) {
        byte[] token = new byte[LENGTH];
        buffer.get(at, token);
        return new String(token, StandardCharsets.US_ASCII);
    }

    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        ByteBuffer bigger = ByteBuffer.allocate((out.position() + more) * 2);
        return bigger.put(out.flip());
    }
}
