package dev.ironbox.core.egress;

import dev.ironbox.core.port.out.SecretResolverPort;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves secrets from the host's environment (the default {@link SecretResolverPort}). An unset or empty variable
 * is no secret, so a mapping never sends an empty credential. Never logs or prints a value. Thread-safe when the
 * lookup is.
 */
public final class EnvironmentSecrets implements SecretResolverPort {

    private final Function<String, String> lookup;

    /** Reads {@link System#getenv(String)}. */
    public EnvironmentSecrets() {
        this(System::getenv);
    }

    /** Reads {@code lookup} instead of the environment (for tests); it returns null for an unset name. */
    public EnvironmentSecrets(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The variable's value, or empty when the name is blank or the variable is unset or empty. */
    @Override
    public Optional<String> resolve(String secretName) {
        if (secretName == null || secretName.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(lookup.apply(secretName)).filter(value -> !value.isEmpty());
    }

    @Override
    public String toString() {
        return "EnvironmentSecrets";
    }
}
