package dev.ironbox.docker;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.NamedEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a Docker engine. When {@code DOCKER_HOST} is set, it names the engine: that one answers or the connection fails
 * naming it (as with the {@code docker} CLI; a default socket is never used instead). Otherwise
 * {@code /var/run/docker.sock}, then {@code ~/.docker/run/docker.sock}: each that exists is pinged, the first that
 * answers wins, and when none does, one {@link EngineUnavailableException} names every place tried and why it failed.
 */
final class DockerEndpoints {

    /** Pings one endpoint; throws when it does not answer. */
    @FunctionalInterface
    interface Pinger {
        void ping(URI endpoint) throws Exception;
    }

    static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");

    /** The variable that names the engine. */
    static final String VARIABLE = "DOCKER_HOST";

    private final Function<String, String> env;
    private final Path home;
    private final Path systemSocket;
    private final Pinger pinger;

    /** Discovery on this machine: the process environment and the user's home. */
    DockerEndpoints() {
        this(System::getenv, Path.of(System.getProperty("user.home")));
    }

    DockerEndpoints(Function<String, String> env, Path home) {
        this(env, home, SYSTEM_SOCKET, DockerClients::ping);
    }

    DockerEndpoints(Function<String, String> env, Path home, Path systemSocket, Pinger pinger) {
        this.env = env;
        this.home = home;
        this.systemSocket = systemSocket;
        this.pinger = pinger;
    }

    /**
     * The endpoint {@code DOCKER_HOST} names, when it is set: then it is the only place {@link #discover()} looks.
     */
    Optional<NamedEndpoint> named() {
        String dockerHost = env.apply(VARIABLE);
        return dockerHost == null || dockerHost.isBlank() ? Optional.empty()
                : Optional.of(new NamedEndpoint(VARIABLE, dockerHost.strip()));
    }

    /**
     * @return the endpoint {@code DOCKER_HOST} names when it is set and answers; when it is unset, the first default
     *     socket that answers
     * @throws EngineUnavailableException naming {@code DOCKER_HOST} when it is set but does not answer (as the
     *     {@code docker} CLI, Ironbox never falls back from an engine the user named), or every place tried when it
     *     is unset and none answered
     */
    URI discover() {
        Optional<NamedEndpoint> named = named();
        if (named.isPresent()) {
            return requireNamed(named.get());
        }
        List<String> tried = new ArrayList<>();
        tried.add(VARIABLE + " unset");
        Exception last = null;
        List<Candidate> candidates = List.of(new Candidate(systemSocket.toString(), socketUri(systemSocket)),
                new Candidate(homeSocket().toString(), socketUri(homeSocket())));
        for (Candidate candidate : candidates) {
            Optional<String> problem = candidate.problem();
            if (problem.isPresent()) {
                tried.add(candidate.label() + ": " + problem.get());
                continue;
            }
            URI uri = candidate.uri();
            try {
                pinger.ping(uri);
                return uri;
            } catch (Exception e) {
                last = e;
                tried.add(candidate.label() + ": " + DockerErrors.reason(e));
            }
        }
        throw new EngineUnavailableException("no Docker engine answered; tried: " + String.join("; ", tried), last);
    }

    private URI requireNamed(NamedEndpoint named) {
        Candidate candidate = new Candidate(named.toString(), named.address());
        String unset = " (" + VARIABLE + " names the engine, so no other is tried; unset it to use the default "
                + "sockets)";
        Optional<String> problem = candidate.problem();
        if (problem.isPresent()) {
            throw new EngineUnavailableException("no Docker engine at " + named + ": " + problem.get() + unset);
        }
        try {
            pinger.ping(candidate.uri());
            return candidate.uri();
        } catch (Exception e) {
            throw new EngineUnavailableException("no Docker engine answered at " + named + ": "
                    + DockerErrors.reason(e) + unset, e);
        }
    }

    /**
     * Checks that {@code endpoint} answers.
     *
     * @throws EngineUnavailableException naming the endpoint and the reason, when it does not
     */
    void require(URI endpoint) {
        Candidate candidate = new Candidate(endpoint.toString(), endpoint.toString());
        Optional<String> problem = candidate.problem();
        if (problem.isPresent()) {
            throw new EngineUnavailableException("no Docker engine at " + endpoint + ": " + problem.get());
        }
        try {
            pinger.ping(candidate.uri());
        } catch (Exception e) {
            throw new EngineUnavailableException("no Docker engine answered at " + endpoint + ": "
                    + DockerErrors.reason(e), e);
        }
    }

    Path homeSocket() {
        return home.resolve(".docker").resolve("run").resolve("docker.sock");
    }

    private static String socketUri(Path socket) {
        return "unix://" + socket.toAbsolutePath().toUri().getRawPath();
    }

    /** One place to look, with why it cannot be pinged, if it cannot. */
    private record Candidate(String label, String text) {

        URI uri() {
            return URI.create(text);
        }

        Optional<String> problem() {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                return Optional.of("not a valid address (" + e.getMessage() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "unix" -> {
                    if (uri.getPath() == null || uri.getPath().isEmpty()) {
                        return Optional.of("no socket path");
                    }
                    return Files.exists(Path.of(uri.getPath())) ? Optional.empty() : Optional.of("not found");
                }
                case "tcp" -> {
                    return uri.getHost() == null || uri.getPort() < 0
                            ? Optional.of("expected tcp://HOST:PORT")
                            : Optional.empty();
                }
                default -> {
                    return Optional.of("unsupported scheme (expected unix:// or tcp://)");
                }
            }
        }
    }
}
