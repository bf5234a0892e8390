package dev.ironbox.app;

import dev.ironbox.core.port.out.SecretResolverPort;
import java.util.Optional;

/**
 * How the composition root resolves credentials' secrets, as an embedder chose it.
 *
 * @param secrets the secret resolver; empty: {@link dev.ironbox.core.egress.EnvironmentSecrets} over the
 *     environment of the {@link dev.ironbox.core.settings.CliContext}
 */
record EgressConfig(Optional<SecretResolverPort> secrets) {

    /** The environment's secrets. */
    static EgressConfig defaults() {
        return new EgressConfig(Optional.empty());
    }
}
