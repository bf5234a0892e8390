package dev.ironbox.podman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * One whole libpod answer: status, body and headers.
 *
 * @param headers looks a header up by name, case-insensitively; null when absent
 */
record Reply(int status, byte[] body, UnaryOperator<String> headers) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    String header(String name) {
        return headers.apply(name);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** This answer when its status is 2xx. @throws LibpodException with the engine's message otherwise */
    Reply orThrow() {
        if (!ok()) {
            throw error();
        }
        return this;
    }

    /** The body as {@code type}. @throws LibpodException when it is not that JSON */
    <T> T json(Class<T> type) {
        try {
            return LibpodClient.JSON.readValue(body, type);
        } catch (IOException e) {
            throw new LibpodException(status, "unexpected answer (" + Errors.reason(e) + "): "
                    + Errors.shorten(text()), "bad json");
        }
    }

    /**
     * The engine's error: its JSON {@code message} verbatim (at most {@link Errors#LONGEST_MESSAGE} characters, and
     * its {@code cause} as many), or the status and the raw body when it sent none. Any body parses: Jackson reads it
     * as a stream, and a body too deep or too long for its limits is quoted raw.
     */
    LibpodException error() {
        Libpod.ErrorBody parsed = null;
        try {
            parsed = LibpodClient.JSON.readValue(body, Libpod.ErrorBody.class);
        } catch (IOException | RuntimeException notJson) {
            // a proxy or a non-Podman server: fall back to the raw text
        }
        if (parsed != null && parsed.message() != null && !parsed.message().isBlank()) {
            String message = Errors.bounded(parsed.message().strip());
            String cause = parsed.cause() == null ? "" : Errors.bounded(parsed.cause().strip());
            if (!cause.isEmpty() && !message.contains(cause)) {
                message = message + " (" + cause + ")";
            }
            return new LibpodException(status, message, cause);
        }
        String raw = text().strip();
        return new LibpodException(status, "HTTP " + status + (raw.isEmpty() ? "" : ": " + Errors.shorten(raw)), "");
    }
}
