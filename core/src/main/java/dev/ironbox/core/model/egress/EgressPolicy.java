package dev.ironbox.core.model.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one sandbox may reach through the proxy and which credentials the proxy adds. An empty allowlist denies
 * everything, and a run whose allowlist is empty keeps network {@code none}. The proxy judges each request twice:
 * by name before DNS ({@link #judgeName}), and by the address it resolved and will connect to
 * ({@link #judgeAddress}).
 *
 * <p>Every credential's host is allowed by some rule, and a host has at most one credential.
 */
public record EgressPolicy(List<AllowRule> allowlist, List<CredentialMapping> credentials) {

    /**
     * Copies both lists (duplicate rules are kept once) and checks the credentials.
     *
     * @throws InvalidConfigurationException when a credential's host is on no rule ("credential for HOST: HOST is
     *     not on the allowlist"), or a host has two credentials (the same secret twice, or two secrets)
     */
    public EgressPolicy {
        allowlist = List.copyOf(new LinkedHashSet<>(allowlist));
        credentials = List.copyOf(credentials);
        Set<String> hosts = new HashSet<>();
        for (CredentialMapping mapping : credentials) {
            String host = mapping.host();
            if (allowlist.stream().noneMatch(rule -> rule.matchesHost(host))) {
                throw new InvalidConfigurationException(
                        "credential for " + host + ": " + host + " is not on the allowlist");
            }
            if (!hosts.add(host)) {
                CredentialMapping first = credentials.stream().filter(m -> m.host().equals(host)).findFirst()
                        .orElseThrow();
                throw new InvalidConfigurationException("credential for " + host + ": " + (first.secretName()
                        .equals(mapping.secretName()) ? mapping.secretName() + " is mapped twice"
                        : host + " already has a credential (" + first.secretName() + "); one per host"));
            }
        }
    }

    /** Nothing is allowed; no credentials. */
    public static EgressPolicy denyAll() {
        return new EgressPolicy(List.of(), List.of());
    }

    /**
     * A policy of exactly these entries (see {@link AllowRule#parse}) and credentials: replaces the defaults.
     *
     * @throws InvalidConfigurationException for a malformed entry, or a credential the constructor refuses
     */
    public static EgressPolicy of(List<String> allowEntries, List<CredentialMapping> credentials) {
        return new EgressPolicy(allowEntries.stream().map(AllowRule::parse).toList(), credentials);
    }

    /** The seed's defaults ({@link EgressDefaults}): registries, docs, GitHub, LLM APIs; optional credentials. */
    public static EgressPolicy defaults() {
        return of(EgressDefaults.allowlist(), EgressDefaults.credentials());
    }

    /**
     * The defaults extended: {@code extraEntries} are added to the default allowlist, and {@code extraCredentials}
     * are added to the default credentials, each replacing a default one for the same host.
     *
     * @throws InvalidConfigurationException as {@link #of}
     */
    public static EgressPolicy withDefaults(List<String> extraEntries, List<CredentialMapping> extraCredentials) {
        return defaults().extendedWith(extraEntries, extraCredentials);
    }

    /**
     * This policy plus {@code entries} (appended; a rule already present is kept once) and {@code credentials}
     * (each replacing this policy's credential for the same host, if any).
     *
     * @throws InvalidConfigurationException as {@link #of}
     */
    public EgressPolicy extendedWith(List<String> entries, List<CredentialMapping> credentials) {
        List<AllowRule> rules = new ArrayList<>(allowlist);
        entries.stream().map(AllowRule::parse).forEach(rules::add);
        Set<String> replaced = credentials.stream().map(CredentialMapping::host).collect(Collectors.toSet());
        List<CredentialMapping> mappings = new ArrayList<>();
        this.credentials.stream().filter(m -> !replaced.contains(m.host())).forEach(mappings::add);
        mappings.addAll(credentials);
        return new EgressPolicy(rules, mappings);
    }

    /** Whether any destination is allowed; a run whose policy allows nothing keeps network {@code none}. */
    public boolean allowsAnything() {
        return !allowlist.isEmpty();
    }

    /**
     * Judges a request for {@code host:port} by name, before any DNS lookup. Denied, with the reason: when the
     * allowlist is empty ("no host is allowed (empty allowlist)"), the host matches no rule ("HOST is not on the
     * allowlist"), or the rules that match it do not allow the port ("port N is not allowed for HOST (allowed: 80,
     * 443)"); also when the host is no valid name or IP literal, or the port is not 1-65535. See
     * {@link AllowRule#matchesName} for how names are matched.
     */
    public EgressDecision judgeName(String host, int port) {
        if (allowlist.isEmpty()) {
            return EgressDecision.deny("no host is allowed (empty allowlist)");
        }
        String h = HostNames.normalise(host);
        if (IpLiterals.parse(h).isEmpty()) {
            Optional<String> problem = HostNames.problem(h);
            if (problem.isPresent()) {
                return EgressDecision.deny("'" + HostNames.printable(h) + "' is not a valid host name");
            }
        }
        if (port < 1 || port > 65535) {
            return EgressDecision.deny("port " + port + " is not a valid port (1-65535)");
        }
        List<AllowRule> matching = allowlist.stream().filter(rule -> rule.matchesHost(h)).toList();
        if (matching.isEmpty()) {
            return EgressDecision.deny(h + " is not on the allowlist");
        }
        Optional<AllowRule> rule = matching.stream().filter(r -> r.ports().contains(port)).findFirst();
        if (rule.isEmpty()) {
            Set<Integer> ports = new TreeSet<>();
            matching.forEach(r -> ports.addAll(r.ports()));
            String allowed = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return EgressDecision.deny("port " + port + " is not allowed for " + h + " (allowed: " + allowed + ")");
        }
        return EgressDecision.allow(h + ":" + port + " is allowed by '" + rule.get() + "'");
    }

    /**
     * Judges the address the proxy resolved for {@code host} and is about to connect to (connect to exactly this
     * address: no second lookup). First {@link #judgeName}; then, when {@code resolved} is not a public unicast
     * address (loopback, private, link-local incl. cloud metadata, unspecified, multicast, CGNAT, reserved, or an
     * IPv6 form of one of these), it is denied ("HOST resolves to A (a private address); only an allowlist entry
     * naming that address or range allows it") unless some rule {@linkplain AllowRule#coversAddress covers} it on
     * that port. When a name resolves to several addresses, judge each and connect only to one that is allowed.
     */
    public EgressDecision judgeAddress(String host, int port, InetAddress resolved) {
        EgressDecision byName = judgeName(host, port);
        if (byName.denied()) {
            return byName;
        }
        String h = HostNames.normalise(host);
        if (resolved == null) {
            return EgressDecision.deny(h + " did not resolve to an address");
        }
        if (!SpecialAddresses.isNonPublic(resolved)) {
            return byName;
        }
        String address = IpLiterals.format(resolved);
        return allowlist.stream().filter(rule -> rule.coversAddress(resolved, port)).findFirst()
                .map(rule -> EgressDecision.allow(h + " resolves to " + address + ", named by '" + rule + "'"))
                .orElseGet(() -> EgressDecision.deny(h + " resolves to " + address + " (a private address); only"
                        + " an allowlist entry naming that address or range allows it"));
    }

    /**
     * The credential for requests to {@code host}: the mapping whose host equals it exactly (case-insensitively,
     * without a trailing dot or brackets). Mapping hosts are never wildcards, so {@code a.api.example.com} does not
     * get the credential of {@code api.example.com}.
     */
    public Optional<CredentialMapping> credentialFor(String host) {
        String h = HostNames.normalise(host);
        return credentials.stream().filter(m -> m.host().equals(h)).findFirst();
    }

    /** The names of every secret the credentials need, in order, without repeats. */
    public Set<String> secretNames() {
        Set<String> names = new LinkedHashSet<>();
        credentials.forEach(m -> names.add(m.secretName()));
        return Collections.unmodifiableSet(names);
    }
}
