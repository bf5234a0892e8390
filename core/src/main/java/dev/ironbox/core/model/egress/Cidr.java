package dev.ironbox.core.model.egress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An address range: {@code network/prefix}; a single address is a range with the full prefix (32 or 128).
 *
 * @param network the first address of the range (no host bits set)
 * @param prefix the number of leading bits every address in the range shares
 */
public record Cidr(InetAddress network, int prefix) {

    public Cidr {
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

    /**
     * Parses {@code address/prefix} (surrounding blanks ignored; host bits kept, see {@link #masked()}); empty for
     * anything else: no prefix, a prefix out of range, a host name, a malformed address, null.
     */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String cidr = text.strip();
        int slash = cidr.indexOf('/');
        String prefix = slash < 0 ? "" : cidr.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int length = Integer.parseInt(prefix);
        return IpLiterals.parse(cidr.substring(0, slash))
                .filter(address -> length <= bits(address))
                .map(address -> new Cidr(address, length));
    }

    /** Number of bits in an address of that family: 32 or 128. */
    static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** Whether the two ranges share an address (one holds the other: ranges never partly overlap). */
    public boolean overlaps(Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return bits(network) == bits(other.network)
                && samePrefix(network.getAddress(), other.network.getAddress(), shorter);
    }

    /** The ranges of {@code longerPrefix} this (masked) range holds, in order; none when the prefix is shorter. */
    public List<Cidr> subnets(int longerPrefix) {
        List<Cidr> all = new ArrayList<>();
        if (longerPrefix < prefix || longerPrefix > bits(network) || longerPrefix - prefix > 16) {
            return all;
        }
        byte[] next = masked().network.getAddress();
        for (int i = 0; i < 1 << (longerPrefix - prefix); i++) {
            all.add(new Cidr(IpLiterals.byAddress(next.clone()), longerPrefix));
            increment(next, longerPrefix);
        }
        return all;
    }

    /** The first host address after the network's own: where Docker and Podman put a bridge's gateway. */
    public InetAddress firstHost() {
        byte[] first = masked().network.getAddress();
        increment(first, bits(network));
        return IpLiterals.byAddress(first);
    }

    /** Adds one at bit {@code bit} (1-based from the left), carrying leftwards. */
    private static void increment(byte[] address, int bit) {
        int index = (bit - 1) / 8;
        int add = 1 << (7 - (bit - 1) % 8);
        while (index >= 0 && add != 0) {
            int sum = (address[index] & 0xff) + add;
            address[index] = (byte) sum;
            add = sum >> 8;
            index--;
        }
    }

    /** Whether {@code address} (an IPv4-mapped IPv6 address counts as its IPv4 address) is in this range. */
    public boolean contains(InetAddress address) {
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
    public Cidr masked() {
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
    public String text() {
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
