package dev.ironbox.egress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link EgressProxy}.
 *
 * @param upstreamCa a PEM file of extra CA certificates the proxy trusts for upstream TLS, beside the JDK's default
 *     trust store (for private servers and tests); {@code null} for none
 * @param connectTimeout how long the proxy waits to connect to an upstream
 * @param idleTimeout how long a connection (either side) may sit idle before the proxy closes it
 */
public record EgressProxyOptions(Path upstreamCa, Duration connectTimeout, Duration idleTimeout) {

    public EgressProxyOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("egress proxy timeouts must be positive");
        }
    }

    /** No extra upstream CA; connect timeout 15 s; idle timeout 5 min. */
    public static EgressProxyOptions defaults() {
        return new EgressProxyOptions(null, Duration.ofSeconds(15), Duration.ofMinutes(5));
    }

    /** These options, trusting the CA certificates in {@code pemFile} for upstream TLS as well. */
    public EgressProxyOptions withUpstreamCa(Path pemFile) {
        return new EgressProxyOptions(Objects.requireNonNull(pemFile, "pemFile"), connectTimeout, idleTimeout);
    }

    /** The extra upstream CA file, if any. */
    public Optional<Path> upstreamCaFile() {
        return Optional.ofNullable(upstreamCa);
    }
}
