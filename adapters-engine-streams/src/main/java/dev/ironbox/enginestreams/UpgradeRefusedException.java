package dev.ironbox.enginestreams;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The engine answered an upgrade request with an error status instead of upgrading. Carries the answer (status,
 * headers, body) for the adapter to translate in its engine's terms; the body is bounded.
 */
public final class UpgradeRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;
    private final byte[] body;

    UpgradeRefusedException(String statusLine, int status, Map<String, String> headers, byte[] body) {
        super("the engine refused the upgrade: " + statusLine);
        this.status = status;
        this.headers = headers;
        this.body = body.clone();
    }

    /** The HTTP status, e.g. 404 or 409. */
    public int status() {
        return status;
    }

    /** A header of the answer, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The answer's body, read by its {@code Content-Length} (empty without one), at most 1 MiB. */
    public byte[] body() {
        return body.clone();
    }
}
