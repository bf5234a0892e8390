package dev.ironbox.docker;

import dev.ironbox.core.error.EngineUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Docker engine: {@code DOCKER_HOST} when set, then {@code /var/run/docker.sock}, then
 * {@code ~/.docker/run/docker.sock}. Each candidate that exists is pinged; the first that answers wins. When none
 * does, one {@link EngineUnavailableException} names every place tried and why it failed.
 */
final class DockerEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEndpoints.class);

    /** Pings one endpoint; throws when it does not answer. */
    @FunctionalInterface
    interface Pinger {
        void ping(URI endpoint) throws Exception;
    }

    static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");

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
     * @return the first endpoint that answered
     * @throws EngineUnavailableException naming every place tried, when none answered
     */
    URI discover() {
        List<String> tried = new ArrayList<>();
        Exception last = null;
        String dockerHost = env.apply("DOCKER_HOST");
        List<Candidate> candidates = new ArrayList<>();
        if (dockerHost == null || dockerHost.isBlank()) {
            tried.add("DOCKER_HOST unset");
        } else {
            candidates.add(new Candidate("DOCKER_HOST=" + dockerHost.strip(), dockerHost.strip()));
        }
        candidates.add(new Candidate(systemSocket.toString(), socketUri(systemSocket)));
        candidates.add(new Candidate(homeSocket().toString(), socketUri(homeSocket())));
        for (Candidate candidate : candidates) {
            Optional<String> problem = candidate.problem();
            if (problem.isPresent()) {
                tried.add(candidate.label() + ": " + problem.get());
                continue;
            }
            URI uri = candidate.uri();
            try {
                pinger.ping(uri);
                if (!tried.isEmpty() && dockerHost != null && !dockerHost.isBlank()) {
                    // the seed's order falls through; say so, since the user asked for DOCKER_HOST explicitly
                    LOG.warn("{}; using {} instead", tried.get(0), uri);
                }
                return uri;
            } catch (Exception e) {
                last = e;
                tried.add(candidate.label() + ": " + DockerErrors.reason(e));
            }
        }
        throw new EngineUnavailableException("no Docker engine answered; tried: " + String.join("; ", tried), last);
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
