package dev.ironbox.core.model.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Addresses that are not on the public internet: a name that resolves to one of them is denied unless an allowlist
 * entry names that address or range. The ranges: loopback, private (RFC 1918, IPv6 unique-local, deprecated
 * site-local), link-local (including the cloud metadata address 169.254.169.254), unspecified and "this network"
 * ({@code 0.0.0.0/8}, which Linux connects to the host itself), multicast, shared CGNAT ({@code 100.64.0.0/10}),
 * reserved and broadcast ({@code 240.0.0.0/4}); and IPv6 addresses that embed one of the IPv4 ones: IPv4-mapped,
 * IPv4-compatible ({@code ::/96}), NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}).
 */
final class SpecialAddresses {

    private static final List<Cidr> IPV4 = ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");

    private static final List<Cidr> IPV6 = ranges(
            "::/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "64:ff9b:1::/48");

    private static final Cidr NAT64 = range("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = range("2002::/16");

    private SpecialAddresses() {}

    /** Whether {@code address} is anything but a public unicast address (see the class comment). */
    static boolean isNonPublic(InetAddress address) {
        InetAddress plain = IpLiterals.unwrapMapped(address);
        if (!(plain instanceof Inet6Address)) {
            return IPV4.stream().anyMatch(range -> range.contains(plain));
        }
        if (IPV6.stream().anyMatch(range -> range.contains(plain))) {
            return true;
        }
        byte[] bytes = plain.getAddress();
        if (NAT64.contains(plain)) {
            return isNonPublic(IpLiterals.byAddress(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(plain)) {
            return isNonPublic(IpLiterals.byAddress(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return false;
    }

    private static List<Cidr> ranges(String... texts) {
        return Arrays.stream(texts).map(SpecialAddresses::range).toList();
    }

    private static Cidr range(String text) {
        return Cidr.parseCanonical(text).orElseThrow();
    }
}
