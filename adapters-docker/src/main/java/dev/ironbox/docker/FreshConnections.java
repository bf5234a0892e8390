package dev.ironbox.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;

/**
 * A transport that sends every request on a connection of its own ({@code Connection: close}), so none is ever sent
 * on a pooled connection the engine closed while it sat idle — when the engine restarted, or a socket-activated one
 * exited when idle. On such a connection a request fails at once ("Broken pipe") and docker-java does not retry it, so
 * the first call after a restart failed. The pool could check a connection before reusing it
 * ({@code validateAfterInactivity}), but zerodep turns that off and cannot turn it on, and on a unix socket the check
 * would block: zerodep's sockets ignore read timeouts. A new unix-socket connection costs tens of microseconds.
 *
 * <p>Requests that upgrade the connection (an attach or exec with input) keep their own {@code Connection} header.
 */
final class FreshConnections implements DockerHttpClient {

    static final String CONNECTION = "Connection";

    private final DockerHttpClient delegate;

    FreshConnections(DockerHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response execute(Request request) {
        return delegate.execute(closing(request));
    }

    static Request closing(Request request) {
        boolean named = request.headers().keySet().stream().anyMatch(CONNECTION::equalsIgnoreCase);
        return named ? request : Request.builder().from(request).putHeader(CONNECTION, "close").build();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
