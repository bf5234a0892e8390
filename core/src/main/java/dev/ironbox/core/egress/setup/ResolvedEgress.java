package dev.ironbox.core.egress.setup;

import dev.ironbox.core.model.egress.EgressPolicy;
import java.util.Map;

/**
 * A run's egress policy with its secrets resolved on the host: only the credentials whose secret was found remain
 * (a missing optional one is dropped), and {@code secrets} holds one value per remaining secret name. Never printed:
 * {@link #toString()} names the secrets, never their values.
 */
public final class ResolvedEgress {

    private final EgressPolicy policy;
    private final Map<String, String> secrets;

    ResolvedEgress(EgressPolicy policy, Map<String, String> secrets) {
        this.policy = policy;
        this.secrets = Map.copyOf(secrets);
    }

    EgressPolicy policy() {
        return policy;
    }

    /** Secret values by name; for the proxy only. */
    Map<String, String> secrets() {
        return secrets;
    }

    @Override
    public String toString() {
        return "ResolvedEgress[" + policy.allowlist().size() + " allow rules, secrets " + secrets.keySet() + "]";
    }
}
