package dev.ironbox.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.MessageText;
import java.io.IOException;
import java.util.Optional;

/**
 * Translates docker-java failures into Ironbox's exceptions at the adapter boundary, keeping the cause. Error bodies
 * are the engine's (and may echo a megabyte of the caller's input), so they are read with a streaming JSON parser —
 * linear, no recursion, whatever the body — and what is quoted from them is bounded.
 */
final class DockerErrors {

    /** Characters of an engine's message kept in an Ironbox message; the cause keeps the whole. */
    static final int LONGEST_QUOTE = 1000;

    private static final String STATUS_PREFIX = "Status ";
    private static final JsonFactory JSON = new JsonFactory();

    private DockerErrors() {}

    static boolean isNotFound(Throwable e) {
        return e instanceof NotFoundException;
    }

    static boolean isConflict(Throwable e) {
        return e instanceof ConflictException;
    }

    static ContainerFailureException container(String context, Throwable e) {
        String why = lostEngine(e) ? "the engine is unreachable or went away (" + engineMessage(e) + ")"
                : engineMessage(e);
        return new ContainerFailureException(MessageText.cut(context, LONGEST_QUOTE) + ": " + why, e);
    }

    /**
     * Whether {@code e} is a failure of the connection to the engine rather than an answer from it: a bare "No such
     * file or directory" or "Premature EOF" would not tell the user that the engine stopped or restarted.
     */
    static boolean lostEngine(Throwable e) {
        if (e instanceof DockerException) {
            return false;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IOException;
    }

    static ImageUnavailableException image(String context, Throwable e) {
        return new ImageUnavailableException(MessageText.cut(context, LONGEST_QUOTE) + ": " + engineMessage(e), e);
    }

    /**
     * What the engine said, verbatim up to {@link #LONGEST_QUOTE} characters: the {@code message} of its JSON error
     * body for an HTTP error, otherwise the message of the innermost cause (a transport failure such as "Connection
     * refused").
     */
    static String engineMessage(Throwable e) {
        if (e instanceof DockerException) {
            String body = withoutStatus(String.valueOf(e.getMessage()));
            return bodyMessage(body, "message", body.strip());
        }
        return MessageText.cut(reason(e), LONGEST_QUOTE);
    }

    /** docker-java's {@code "Status 404: {\"message\":\"...\"}"} without its {@code Status NNN: } prefix. */
    static String withoutStatus(String text) {
        if (!text.startsWith(STATUS_PREFIX)) {
            return text;
        }
        int i = STATUS_PREFIX.length();
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i > STATUS_PREFIX.length() && text.startsWith(": ", i) ? text.substring(i + 2) : text;
    }

    /**
     * The first string value of {@code field}, at any depth, in a JSON text or a stream of JSON values (an import's
     * progress), unescaped; empty when there is none or the text is not JSON up to it.
     */
    static Optional<String> jsonString(String json, String field) {
        try (JsonParser parser = JSON.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && field.equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText());
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text, or broken or too deep JSON: the caller falls back to the raw body
        }
        return Optional.empty();
    }

    /** The string {@code field} of an error body, else {@code fallback}, at most {@link #LONGEST_QUOTE} characters. */
    static String bodyMessage(String body, String field, String fallback) {
        return MessageText.cut(jsonString(body, field).orElse(fallback), LONGEST_QUOTE);
    }

    /** The innermost cause's message, or its type when it has none. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }
}
