package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;

/**
 * An open streaming libpod answer (attach, exec, pull, logs). Closing is idempotent, never throws, and may come from
 * any thread: it aborts the connection, so a read blocked on it ends with an exception.
 */
final class LibpodStream implements AutoCloseable {

    private final DockerHttpClient.Response response;

    LibpodStream(DockerHttpClient.Response response) {
        this.response = response;
    }

    InputStream body() {
        return response.getBody();
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (RuntimeException ignored) {
            // the stream is going away either way
        }
    }
}
