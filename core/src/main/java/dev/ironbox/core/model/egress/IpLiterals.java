package dev.ironbox.core.model.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Ironbox's one parser of IP address literals (the egress allow-list, engines' gateways, subnets), strict and
 * without any DNS lookup and without any DNS lookup: IPv4 only as a dotted quad without leading zeros
 * (so {@code 010.1.1.1}, {@code 1.2.3} and {@code 0x7f.1} are not addresses), IPv6 in any RFC 4291 text form without
 * a zone id.
 */
public final class IpLiterals {

    private IpLiterals() {}

    /** The address {@code text} spells, or empty when it is no IP literal (a host name, or malformed). */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    /** The IPv4 address {@code text} spells as a dotted quad, or empty (IPv6, a host name, malformed, null). */
    public static Optional<InetAddress> parseIpv4(String text) {
        return text == null || text.indexOf(':') >= 0 ? Optional.empty() : parseV4(text);
    }

    private static Optional<InetAddress> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(byAddress(bytes));
    }

    private static Optional<InetAddress> parseV6(String text) {
        // Only hex digits, ':' and '.' (an embedded IPv4 tail), starting with a hex digit or ':': the JDK then
        // parses the literal itself and, with a ':' present, never falls back to a DNS lookup. No zone id ('%').
        if (text.charAt(0) == '.') {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(unwrapMapped(InetAddress.getByName(text)));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it is; any other unchanged. */
    static InetAddress unwrapMapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                return byAddress(Arrays.copyOfRange(b, 12, 16));
            }
        }
        return address;
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run as {@code ::}, no zone). */
    public static String format(InetAddress address) {
        InetAddress plain = unwrapMapped(address);
        if (plain instanceof Inet4Address) {
            return plain.getHostAddress();
        }
        byte[] b = plain.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** An address from raw bytes (4 or 16); never a lookup. */
    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
