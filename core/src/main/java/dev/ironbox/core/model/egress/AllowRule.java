package dev.ironbox.core.model.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One allowlist entry: an exact host name, a {@code *.example.com} wildcard (which also matches
 * {@code example.com}), an IP address or a CIDR range; with the ports it allows (default 80 and 443). Names are
 * compared case-insensitively. Only a rule that names an address or range explicitly lets a request reach a
 * loopback, private, link-local or unspecified address.
 *
 * @param pattern the normalised pattern: a lowercase name without trailing dot, {@code *.suffix}, an IP address in
 *     canonical form ({@code 10.0.0.1}, {@code ::1}) or a range ({@code 10.0.0.0/8}, {@code fd00::/8})
 * @param ports the allowed ports, each 1-65535, at least one
 */
public record AllowRule(String pattern, Set<Integer> ports) {

    /** The ports an entry without a port allows: 80 and 443. */
    public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

    /**
     * Normalises and validates {@code pattern} as {@link #parse} does (without a port).
     *
     * @throws InvalidConfigurationException when the pattern or a port is invalid, or there is no port
     */
    public AllowRule {
        String what = AllowEntryParser.subject(pattern);
        pattern = AllowEntryParser.canonicalPattern(what, pattern);
        if (ports == null || ports.isEmpty()) {
            throw AllowEntryParser.fail(what, "no port is allowed");
        }
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65535) {
                throw AllowEntryParser.fail(what, "port " + port + " is out of range (1-65535)");
            }
        }
        ports = Set.copyOf(ports);
    }

    /**
     * Parses one entry, as given to {@code --allow-domain} or in the configuration: {@code example.com},
     * {@code *.example.com}, {@code 203.0.113.7}, {@code ::1}, {@code 10.0.0.0/8}, {@code fd00::/8}, each optionally
     * followed by {@code :PORT} (an IPv6 address then in brackets: {@code [::1]:8080}; a range as
     * {@code fd00::/8:443}). With a port the rule allows only that port, otherwise {@link #DEFAULT_PORTS}. Names are
     * lowercased and lose a trailing dot.
     *
     * @throws InvalidConfigurationException naming the entry and the problem: empty, a URL scheme or a path, a
     *     wildcard anywhere but as the whole first label (or {@code *} / {@code *.} alone), a bad character, a label
     *     over 63 or a name over 253 characters, a port that is not 1-65535, a prefix out of range
     */
    public static AllowRule parse(String text) {
        return AllowEntryParser.parse(text);
    }

    /** Whether this rule names a host (exactly or by wildcard) rather than an address or range. */
    public boolean isName() {
        return range().isEmpty();
    }

    /** Whether this is a {@code *.suffix} wildcard. */
    public boolean isWildcard() {
        return pattern.startsWith("*.");
    }

    /**
     * Whether a request for {@code host:port} matches this rule by name, before any DNS: the port is allowed, and
     * the host (compared case-insensitively, without a trailing dot or IPv6 brackets) equals the name, or is the
     * wildcard's domain or any name under it; an address or range rule matches a host that is an IP literal inside
     * it. A host name never matches an address rule.
     */
    public boolean matchesName(String host, int port) {
        return ports.contains(port) && matchesHost(host);
    }

    /** As {@link #matchesName} on any port of this rule. */
    public boolean matchesHost(String host) {
        String h = HostNames.normalise(host);
        if (h.isEmpty()) {
            return false;
        }
        Optional<Cidr> range = range();
        if (range.isPresent()) {
            return IpLiterals.parse(h).map(range.get()::contains).orElse(false);
        }
        if (isWildcard()) {
            String suffix = pattern.substring(2);
            return h.equals(suffix) || h.endsWith("." + suffix);
        }
        return h.equals(pattern);
    }

    /**
     * Whether this rule names {@code address} explicitly, on {@code port}: true only for an address or range rule
     * that contains it (an IPv4-mapped IPv6 address counts as its IPv4 address) and allows the port. This is what
     * lets a request reach a loopback, private or link-local address.
     */
    public boolean coversAddress(InetAddress address, int port) {
        return address != null && ports.contains(port) && range().map(r -> r.contains(address)).orElse(false);
    }

    /** The ports as text, ascending: {@code 80, 443}. */
    public String portsText() {
        return new TreeSet<>(ports).stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The entry as it would be written: {@code example.com}, {@code [::1]:8080}, or pattern with its ports. */
    @Override
    public String toString() {
        if (ports.equals(DEFAULT_PORTS)) {
            return pattern;
        }
        String host = pattern.contains(":") && !pattern.contains("/") ? "[" + pattern + "]" : pattern;
        return host + ":" + new TreeSet<>(ports).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private Optional<Cidr> range() {
        if (isWildcard()) {
            return Optional.empty();
        }
        return Cidr.parseCanonical(pattern);
    }
}
