package dev.ironbox.podman;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 subnet in CIDR notation, for choosing a free one: Podman gives an internal network a gateway only when the
 * subnet is given explicitly, so this adapter picks the subnet itself.
 */
record Ipv4Subnet(int base, int prefix) {

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    Ipv4Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        base &= mask(prefix);
    }

    /** Parses {@code a.b.c.d/n}; empty for anything else (an IPv6 subnet, say). */
    static Optional<Ipv4Subnet> parse(String cidr) {
        Matcher m = cidr == null ? null : CIDR.matcher(cidr.strip());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        return prefix > 32 ? Optional.empty() : Optional.of(new Ipv4Subnet(address, prefix));
    }

    /** The {@code /24}s of this subnet, in order. */
    List<Ipv4Subnet> slash24s() {
        List<Ipv4Subnet> all = new ArrayList<>();
        long first = Integer.toUnsignedLong(base);
        for (long a = first; prefix <= 24 && a < first + size(); a += 256) {
            all.add(new Ipv4Subnet((int) a, 24));
        }
        return all;
    }

    boolean overlaps(Ipv4Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    /** The first host address, which Podman (like Docker) makes the gateway. */
    String firstHost() {
        return dotted(base + 1);
    }

    private long size() {
        return 1L << (32 - prefix);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }

    @Override
    public String toString() {
        return dotted(base) + "/" + prefix;
    }
}
