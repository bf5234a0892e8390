package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * An open streaming libpod answer (attach, exec, pull, logs). Closing is idempotent, never throws, and may come from
 * any thread: it aborts the connection, so a read blocked on it ends with an exception.
 */
final class LibpodStream implements AutoCloseable {

    private final Supplier<InputStream> body;
    private final Runnable abort;

    LibpodStream(DockerHttpClient.Response response) {
        this(response::getBody, response::close);
    }

    /** The output of a hijacked connection; closing it aborts the whole connection. */
    LibpodStream(UpgradedConnection connection) {
        this(connection::output, connection::close);
    }

    private LibpodStream(Supplier<InputStream> body, Runnable abort) {
        this.body = body;
        this.abort = abort;
    }

    InputStream body() {
        return body.get();
    }

    @Override
    public void close() {
        try {
            abort.run();
        } catch (RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
