package dev.ironbox.core.model.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Parses allowlist entries ({@code PATTERN[:PORT]}) into rules; every error names the entry and the problem. */
final class AllowEntryParser {

    private AllowEntryParser() {}

    static AllowRule parse(String text) {
        String entry = text == null ? "" : text.trim();
        String what = subject(entry);
        if (entry.isEmpty()) {
            throw fail(what, "an entry must not be empty");
        }
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.contains("://")) {
            throw fail(what, "a URL scheme is not allowed; write just the host, e.g. 'example.com' or"
                    + " 'example.com:8443'");
        }
        String pattern;
        String port = null;
        if (lower.startsWith("[")) {
            int close = lower.indexOf(']');
            if (close < 0) {
                throw fail(what, "'[' without a closing ']'");
            }
            String inside = lower.substring(1, close);
            String rest = lower.substring(close + 1);
            if (!inside.contains(":")) {
                throw fail(what, "brackets are only for IPv6 addresses");
            }
            if (rest.startsWith("/")) {
                int colon = rest.indexOf(':');
                pattern = inside + (colon < 0 ? rest : rest.substring(0, colon));
                port = colon < 0 ? null : rest.substring(colon + 1);
            } else if (rest.startsWith(":")) {
                pattern = inside;
                port = rest.substring(1);
            } else if (rest.isEmpty()) {
                pattern = inside;
            } else {
                throw fail(what, "unexpected '" + rest + "' after ']'; write '[ADDRESS]:PORT'");
            }
        } else if (lower.contains("/")) {
            int slash = lower.indexOf('/');
            if (IpLiterals.parse(lower.substring(0, slash)).isEmpty()) {
                throw fail(what, "a path is not allowed; write just the host (a '/' is only for an address range"
                        + " such as '10.0.0.0/8')");
            }
            int colon = lower.indexOf(':', slash);
            pattern = colon < 0 ? lower : lower.substring(0, colon);
            port = colon < 0 ? null : lower.substring(colon + 1);
        } else {
            long colons = lower.chars().filter(c -> c == ':').count();
            int colon = lower.indexOf(':');
            pattern = colons == 1 ? lower.substring(0, colon) : lower;
            port = colons == 1 ? lower.substring(colon + 1) : null;
        }
        String canonical = canonicalPattern(what, pattern);
        Set<Integer> ports = port == null ? AllowRule.DEFAULT_PORTS : Set.of(parsePort(what, port));
        return new AllowRule(canonical, ports);
    }

    /**
     * The canonical form of a pattern without a port: a lowercase name without trailing dot, {@code *.suffix}, an
     * IP address, or {@code network/prefix}.
     *
     * @param what the subject for error messages, e.g. {@code allowlist entry 'x'}
     * @throws InvalidConfigurationException naming {@code what} and the problem
     */
    static String canonicalPattern(String what, String patternText) {
        String pattern = patternText == null ? "" : patternText.trim().toLowerCase(Locale.ROOT);
        if (pattern.isEmpty()) {
            throw fail(what, "no host before the port");
        }
        int slash = pattern.indexOf('/');
        if (slash >= 0) {
            return cidr(what, pattern.substring(0, slash), pattern.substring(slash + 1));
        }
        Optional<InetAddress> address = IpLiterals.parse(pattern);
        if (address.isPresent()) {
            return IpLiterals.format(address.get());
        }
        if (pattern.indexOf(':') >= 0) {
            throw fail(what, "'" + pattern + "' is not a valid IPv6 address (an IPv6 address with a port is"
                    + " written '[ADDRESS]:PORT')");
        }
        if (pattern.equals("*")) {
            throw fail(what, "'*' alone would allow every host; name the hosts, or a domain as '*.example.com'");
        }
        if (pattern.startsWith("*.")) {
            String suffix = stripDot(pattern.substring(2));
            if (suffix.isEmpty()) {
                throw fail(what, "'*.' needs a domain after it, e.g. '*.example.com'");
            }
            if (suffix.contains("*")) {
                throw fail(what, "only one wildcard is allowed, as the whole first label ('*.example.com')");
            }
            HostNames.problem(suffix).ifPresent(problem -> {
                throw fail(what, problem);
            });
            return "*." + suffix;
        }
        if (pattern.contains("*")) {
            throw fail(what, "a wildcard is only allowed as the whole first label ('*.example.com')");
        }
        String name = stripDot(pattern);
        HostNames.problem(name).ifPresent(problem -> {
            throw fail(what, problem);
        });
        return name;
    }

    private static String cidr(String what, String addressText, String prefixText) {
        InetAddress address = IpLiterals.parse(addressText).orElseThrow(() -> fail(what,
                "'" + addressText + "' before '/' is not an IP address (a path is not allowed)"));
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            throw fail(what, "prefix '/" + prefixText + "' is not a number (0-" + max + ")");
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > max) {
            throw fail(what, "prefix /" + prefix + " is out of range for an IPv" + (max == 32 ? 4 : 6)
                    + " address (0-" + max + ")");
        }
        Cidr range = new Cidr(address, prefix);
        if (range.hasHostBits()) {
            throw fail(what, "'" + IpLiterals.format(address) + "/" + prefix + "' has bits set beyond the prefix;"
                    + " did you mean '" + range.masked().text() + "'?");
        }
        return range.text();
    }

    /**
     * A port: decimal digits, 1-65535.
     *
     * @throws InvalidConfigurationException naming {@code what} otherwise
     */
    static int parsePort(String what, String text) {
        if (text.isEmpty()) {
            throw fail(what, "missing port after ':'");
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw fail(what, "port '" + text + "' is not a number (1-65535)");
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        int port = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            if (port == Integer.MAX_VALUE) {
                throw fail(what, "port " + text + " is out of range (1-65535)");
            }
            throw fail(what, "port " + port + " is out of range (1-65535)");
        }
        return port;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** {@code allowlist entry 'TEXT'}: how errors name an entry. */
    static String subject(String entry) {
        return "allowlist entry '" + entry + "'";
    }

    static InvalidConfigurationException fail(String what, String problem) {
        return new InvalidConfigurationException(what + ": " + problem);
    }
}
