package dev.ironbox.core.model.egress;

import java.util.Set;

/**
 * One allowlist entry: an exact host name, a {@code *.example.com} wildcard (which also matches
 * {@code example.com}), an IP address or a CIDR range; with the ports it allows (default 80 and 443). Names are
 * compared case-insensitively. Only a rule that names an address or range explicitly lets a request reach a
 * loopback, private, link-local or unspecified address.
 *
 * @param pattern the normalised pattern (lowercase; wildcard kept as {@code *.suffix})
 * @param ports the allowed ports
 */
public record AllowRule(String pattern, Set<Integer> ports) {

    public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

    public AllowRule {
        ports = Set.copyOf(ports);
    }
}
