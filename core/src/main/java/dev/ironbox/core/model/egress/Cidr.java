package dev.ironbox.core.model.egress;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An address range: {@code network/prefix}; a single address is a range with the full prefix (32 or 128).
 *
 * @param network the first address of the range (no host bits set)
 * @param prefix the number of leading bits every address in the range shares
 */
record Cidr(InetAddress network, int prefix) {

    Cidr {
        network = IpLiterals.unwrapMapped(network);
        if (prefix < 0 || prefix > bits(network)) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + network);
        }
    }

    /** The range of exactly one address. */
    static Cidr single(InetAddress address) {
        InetAddress plain = IpLiterals.unwrapMapped(address);
        return new Cidr(plain, bits(plain));
    }

    /** Parses an already-valid canonical pattern ({@code 10.0.0.0/8}, {@code ::1}); empty for a host name. */
    static Optional<Cidr> parseCanonical(String pattern) {
        int slash = pattern.indexOf('/');
        String address = slash < 0 ? pattern : pattern.substring(0, slash);
        return IpLiterals.parse(address).map(a -> slash < 0
                ? single(a)
                : new Cidr(a, Integer.parseInt(pattern.substring(slash + 1))));
    }

    /** Number of bits in an address of that family: 32 or 128. */
    static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    /** Whether {@code address} (an IPv4-mapped IPv6 address counts as its IPv4 address) is in this range. */
    boolean contains(InetAddress address) {
        byte[] candidate = IpLiterals.unwrapMapped(address).getAddress();
        byte[] net = network.getAddress();
        if (candidate.length != net.length) {
            return false;
        }
        return samePrefix(candidate, net, prefix);
    }

    /** Whether {@code network} has bits set beyond the prefix ({@code 10.1.0.0/8}). */
    boolean hasHostBits() {
        return !masked().equals(this);
    }

    /** The range with its host bits cleared: the network it names. */
    Cidr masked() {
        byte[] masked = network.getAddress();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Cidr(IpLiterals.byAddress(masked), prefix);
    }

    boolean isSingleAddress() {
        return prefix == bits(network);
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8}, or the bare address for a single address. */
    String text() {
        String address = IpLiterals.format(network);
        return isSingleAddress() ? address : address + "/" + prefix;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefixBits) {
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[whole] & mask) == (b[whole] & mask);
    }
}
