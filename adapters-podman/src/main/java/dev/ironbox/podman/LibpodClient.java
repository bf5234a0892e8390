package dev.ironbox.podman;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this adapter talks to Podman: libpod REST calls ({@code /v4.0.0/libpod/...}) over docker-java's
 * zero-dependency unix-socket transport, JSON through Jackson. Thread-safe; holds a bounded connection pool.
 *
 * <p>Every failure is a {@link LibpodException}: an error status keeps the engine's {@code message} and {@code cause};
 * a broken transport keeps the {@link IOException}. Each request has a connection of its own, so none goes out on
 * one that died while idle (a restarted or socket-activated service). A connection that breaks during a call is
 * another matter: idempotent calls ({@code idempotent = true}: reads, deletes, start, kill) are
 * retried once when the connection breaks; calls that create something never are.
 */
final class LibpodClient implements AutoCloseable {

    static final String PREFIX = "/v4.0.0/libpod";
    /** Each running wait, log follow, exec and pull holds a connection while it lasts. */
    static final int MAX_CONNECTIONS = 64;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final String API_VERSION_HEADER = "Libpod-API-Version";

    private static final Logger LOG = LoggerFactory.getLogger(LibpodClient.class);
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI endpoint;
    private final DockerHttpClient transport;

    private LibpodClient(URI endpoint) {
        // no response timeout: waits and streams block, and each caller bounds its own wait (on a unix socket the
        // transport could not apply one anyway)
        this.endpoint = endpoint;
        this.transport = new ZerodepDockerHttpClient.Builder()
                .dockerHost(endpoint)
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The runtime's client. */
    static LibpodClient open(URI endpoint) {
        return new LibpodClient(endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * {@code GET /_ping}.
     *
     * @return the {@code Libpod-API-Version} header
     * @throws LibpodException when nothing answers, or something that is not Podman does
     */
    String ping() {
        Reply reply = call(Method.GET, "/_ping", null, true);
        String version = reply.header(API_VERSION_HEADER);
        if (version == null || version.isBlank()) {
            throw new LibpodException(reply.status(), "it answers HTTP " + reply.status() + " without a "
                    + API_VERSION_HEADER + " header: not Podman's libpod API (a Docker engine?)", "not podman");
        }
        return version.strip();
    }

    /** {@code GET path} answering JSON; an error status throws. Retried once on a broken connection. */
    <T> T get(String path, Class<T> type) {
        return call(Method.GET, path, null, true).orThrow().json(type);
    }

    /**
     * Sends one request with an optional JSON body and reads the whole answer, whatever its status.
     *
     * @param idempotent whether the call may be retried once when the connection breaks
     * @throws LibpodException only when no answer came
     */
    Reply call(Method method, String path, Object json, boolean idempotent) {
        DockerHttpClient.Request request = request(method, path, json).build();
        try {
            return once(request);
        } catch (LibpodException broken) {
            if (!idempotent) {
                throw broken;
            }
            LOG.debug("retrying {} {} on a new connection: {}", method, path, broken.getMessage());
            return once(request);
        }
    }

    /** {@code POST path} with {@code body} (read to its end) as {@code contentType}. Never retried. */
    Reply upload(String path, InputStream body, String contentType) {
        return once(request(Method.POST, path, null).putHeader("Content-Type", contentType).body(body).build());
    }

    /**
     * Opens a streaming answer. Never retried (a stream may run a command or pull an image).
     *
     * @return the open stream, which the caller closes (closing from another thread aborts a blocked read)
     * @throws LibpodException when the engine answers an error status, or does not answer
     */
    LibpodStream stream(Method method, String path, Object json) {
        DockerHttpClient.Response response = execute(request(method, path, json).build());
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return new LibpodStream(response);
        }
        try (response) {
            throw new Reply(status, readAll(response), response::getHeader).error();
        } catch (IOException | UncheckedIOException e) {
            throw new LibpodException("HTTP " + status + " and the error could not be read: " + Errors.reason(e), e);
        }
    }

    /**
     * Sends {@code POST path} with a JSON body on a connection of its own that the engine upgrades to a raw two-way
     * stream (exec with standard input). Never retried.
     *
     * @return the open connection, which the caller closes
     * @throws LibpodException when the engine answers an error status, or does not answer
     */
    UpgradedConnection hijack(String path, Object json) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the request to " + path, e);
        }
        return Hijack.open(Path.of(endpoint.getPath()), PREFIX + path, body);
    }

    /**
     * As {@link #hijack(String, Object)} without a body: an attach, where Podman would pass a body's bytes on to the
     * container's standard input (it hijacks the connection without reading the body).
     */
    UpgradedConnection hijack(String path) {
        return Hijack.open(Path.of(endpoint.getPath()), PREFIX + path, new byte[0]);
    }

    private DockerHttpClient.Request.Builder request(Method method, String path, Object json) {
        // Connection: close — no request goes out on a pooled connection that died while idle (the service
        // restarted, or a socket-activated one exited when idle): such a request fails at once ("Broken pipe"), and
        // calls that create something are never retried. The pool cannot check a connection before reusing it:
        // zerodep turns that off, and on a unix socket the check would block (its sockets ignore read timeouts).
        DockerHttpClient.Request.Builder builder = DockerHttpClient.Request.builder()
                .method(method)
                .path(PREFIX + path)
                .putHeader("Connection", "close");
        if (json != null) {
            try {
                builder.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(json));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot encode the request to " + path, e);
            }
        }
        return builder;
    }

    private Reply once(DockerHttpClient.Request request) {
        try (DockerHttpClient.Response response = execute(request)) {
            return new Reply(response.getStatusCode(), readAll(response), response::getHeader);
        } catch (IOException | UncheckedIOException e) {
            throw new LibpodException("the connection to " + endpoint + " broke: " + Errors.reason(e), e);
        }
    }

    private DockerHttpClient.Response execute(DockerHttpClient.Request request) {
        try {
            return transport.execute(request);
        } catch (RuntimeException e) {
            throw new LibpodException(Errors.reason(e), e);
        }
    }

    private static byte[] readAll(DockerHttpClient.Response response) throws IOException {
        try (InputStream body = response.getBody()) {
            return body.readAllBytes();
        }
    }

    /** Encodes a query parameter value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code filters={"label":["key=value"]}}, encoded for a query string. */
    static String labelFilter(String key, String value) {
        try {
            return "filters=" + query(JSON.writeValueAsString(Map.of("label", List.of(key + "=" + value))));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a label filter", e);
        }
    }

    /** Encodes a container or exec id, or an image name, for a path; '/' and ':' stay (image routes match them). */
    static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%2F", "/").replace("%3A", ":").replace("%40", "@");
    }

    /** Closes the pool, ending every open stream. Idempotent; never throws. */
    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing more can be done about a client that fails to close
        }
    }
}
