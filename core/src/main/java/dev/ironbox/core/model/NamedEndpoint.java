package dev.ironbox.core.model;

import java.util.Objects;

/**
 * An engine endpoint the user named explicitly, and where: {@code DOCKER_HOST=unix:///run/other.sock}. A named
 * endpoint binds, as it does for the {@code docker} CLI: the runtime uses it or fails naming it, and never falls back
 * to a default socket; {@code auto} never passes over a runtime whose endpoint was named.
 *
 * @param source where it was named, e.g. the environment variable {@code DOCKER_HOST}
 * @param address the endpoint as given, e.g. {@code unix:///run/other.sock}
 */
public record NamedEndpoint(String source, String address) {

    /** @throws NullPointerException when {@code source} or {@code address} is {@code null} */
    public NamedEndpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(address, "address");
    }

    /** {@code DOCKER_HOST=unix:///run/other.sock}. */
    @Override
    public String toString() {
        return source + "=" + address;
    }
}
