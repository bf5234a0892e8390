package dev.ironbox.core.model.egress;

import java.util.List;

/**
 * What one sandbox may reach through the proxy and which credentials the proxy adds. An empty allowlist denies
 * everything, and a run whose allowlist is empty keeps network {@code none}.
 */
public record EgressPolicy(List<AllowRule> allowlist, List<CredentialMapping> credentials) {

    public EgressPolicy {
        allowlist = List.copyOf(allowlist);
        credentials = List.copyOf(credentials);
    }

    public static EgressPolicy denyAll() {
        return new EgressPolicy(List.of(), List.of());
    }

    public boolean allowsAnything() {
        return !allowlist.isEmpty();
    }
}
