package dev.ironbox.podman;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.NamedEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a Podman API service. When {@code CONTAINER_HOST} is set, it names the engine: that one answers as libpod
 * {@value ApiVersion#MINIMUM} or later, or the connection fails naming it (a default socket is never used instead).
 * Otherwise {@code $XDG_RUNTIME_DIR/podman/podman.sock} (a rootless user's service), then
 * {@code /run/podman/podman.sock} (root's): each socket that exists is pinged, the first that answers as libpod
 * {@value ApiVersion#MINIMUM} or later wins, and when none does, one {@link EngineUnavailableException} names every
 * place tried and why it failed.
 */
final class PodmanEndpoints {

    static final Path SYSTEM_SOCKET = Path.of("/run/podman/podman.sock");

    /** The variable that names the engine. */
    static final String VARIABLE = "CONTAINER_HOST";

    /** Pings one endpoint, returning its libpod API version; throws when it does not answer as Podman. */
    @FunctionalInterface
    interface Pinger {
        String ping(URI endpoint) throws Exception;
    }

    private final Function<String, String> env;
    private final Path systemSocket;
    private final Pinger pinger;

    /** Discovery on this machine: the process environment. */
    PodmanEndpoints() {
        this(System::getenv, SYSTEM_SOCKET, Probe::probe);
    }

    PodmanEndpoints(Function<String, String> env, Path systemSocket, Pinger pinger) {
        this.env = env;
        this.systemSocket = systemSocket;
        this.pinger = pinger;
    }

    /** The endpoint {@code CONTAINER_HOST} names, when it is set: then it is the only place looked at. */
    Optional<NamedEndpoint> named() {
        String containerHost = env.apply(VARIABLE);
        return blank(containerHost) ? Optional.empty()
                : Optional.of(new NamedEndpoint(VARIABLE, containerHost.strip()));
    }

    /**
     * @return the endpoint {@code CONTAINER_HOST} names when it is set and answers; when it is unset, the first
     *     default socket that answers
     * @throws EngineUnavailableException naming {@code CONTAINER_HOST} when it is set but does not answer as Podman
     *     (Ironbox never falls back from an engine the user named), or every place tried when it is unset and none
     *     answered
     */
    URI discover() {
        Optional<NamedEndpoint> named = named();
        if (named.isPresent()) {
            try {
                return check(new Candidate(named.get().toString(), named.get().address()));
            } catch (Unusable e) {
                throw new EngineUnavailableException("no Podman engine at " + named.get() + ": " + e.getMessage()
                        + " (" + VARIABLE + " names the engine, so no other is tried; unset it to use the default "
                        + "sockets)", e.getCause());
            }
        }
        // in the order looked at; a candidate without text is a place that was not set
        List<String> tried = new ArrayList<>();
        tried.add(VARIABLE + " unset");
        String runtimeDir = env.apply("XDG_RUNTIME_DIR");
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(blank(runtimeDir) ? new Candidate("XDG_RUNTIME_DIR unset", null)
                : new Candidate(Path.of(runtimeDir.strip(), "podman", "podman.sock").toString(),
                        socketUri(Path.of(runtimeDir.strip(), "podman", "podman.sock"))));
        candidates.add(new Candidate(systemSocket.toString(), socketUri(systemSocket)));
        Exception last = null;
        for (Candidate candidate : candidates) {
            if (candidate.text() == null) {
                tried.add(candidate.label());
                continue;
            }
            try {
                return check(candidate);
            } catch (Unusable e) {
                tried.add(candidate.label() + ": " + e.getMessage());
                last = e.getCause() instanceof Exception cause ? cause : last;
            }
        }
        throw new EngineUnavailableException("no Podman engine answered; tried: " + String.join("; ", tried), last);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Checks that {@code endpoint} answers as Podman.
     *
     * @throws EngineUnavailableException naming the endpoint and the reason, when it does not
     */
    void require(URI endpoint) {
        try {
            check(new Candidate(endpoint.toString(), endpoint.toString()));
        } catch (Unusable e) {
            throw new EngineUnavailableException("no Podman engine at " + endpoint + ": " + e.getMessage(),
                    e.getCause());
        }
    }

    private URI check(Candidate candidate) throws Unusable {
        URI uri = candidate.validate();
        String version;
        try {
            version = pinger.ping(uri);
        } catch (Exception e) {
            throw new Unusable(Probe.explain(e), e);
        }
        if (!ApiVersion.isSupported(version)) {
            throw new Unusable("Podman API " + version + " found; Ironbox needs " + ApiVersion.MINIMUM
                    + " or later (Podman 4.0)", null);
        }
        return uri;
    }

    private static String socketUri(Path socket) {
        return "unix://" + socket.toAbsolutePath().toUri().getRawPath();
    }

    /** Why one candidate cannot be used. */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** One place to look. */
    private record Candidate(String label, String text) {

        /** @return the address to ping, when it can be pinged */
        URI validate() throws Unusable {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new Unusable("not a valid address (" + e.getMessage() + ")", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("unix")) {
                throw new Unusable(scheme.isEmpty() ? "not an address (expected unix:///path/to/podman.sock)"
                        : scheme + ":// is not supported: Ironbox reaches Podman through a local unix socket only "
                        + "(expected unix:///path/to/podman.sock)", null);
            }
            if (uri.getPath() == null || uri.getPath().isEmpty()) {
                throw new Unusable("no socket path", null);
            }
            Path socket = Path.of(uri.getPath());
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(socket, BasicFileAttributes.class);
            } catch (IOException e) {
                if (!Files.exists(socket)) {
                    throw new Unusable("not found", null);
                }
                throw new Unusable("cannot be read (" + Errors.reason(e) + ")", e);
            }
            if (attributes.isRegularFile() || attributes.isDirectory()) {
                throw new Unusable("exists but is not a socket", null);
            }
            return uri;
        }
    }
}
