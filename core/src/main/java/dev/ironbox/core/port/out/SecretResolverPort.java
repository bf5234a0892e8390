package dev.ironbox.core.port.out;

import java.util.Optional;

/** Resolves a secret by name on the host (from the environment by default). Thread-safe. */
public interface SecretResolverPort {

    /** The secret's value, or empty when there is none by that name. Never logs the value. */
    Optional<String> resolve(String secretName);
}
