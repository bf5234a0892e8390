package dev.ironbox.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates docker-java failures into Ironbox's exceptions at the adapter boundary, keeping the cause. */
final class DockerErrors {

    /** docker-java's {@code "Status 404: {\"message\":\"...\"}"}. */
    private static final Pattern STATUS = Pattern.compile("(?s)^Status \\d+: (.*)$");
    private static final String JSON_STRING = "\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"";

    private DockerErrors() {}

    static boolean isNotFound(Throwable e) {
        return e instanceof NotFoundException;
    }

    static boolean isConflict(Throwable e) {
        return e instanceof ConflictException;
    }

    static ContainerFailureException container(String context, Throwable e) {
        return new ContainerFailureException(context + ": " + engineMessage(e), e);
    }

    static ImageUnavailableException image(String context, Throwable e) {
        return new ImageUnavailableException(context + ": " + engineMessage(e), e);
    }

    /**
     * What the engine said, verbatim: the {@code message} of its JSON error body for an HTTP error, otherwise the
     * message of the innermost cause (a transport failure such as "Connection refused").
     */
    static String engineMessage(Throwable e) {
        if (e instanceof DockerException) {
            String text = String.valueOf(e.getMessage());
            Matcher status = STATUS.matcher(text);
            String body = status.matches() ? status.group(1) : text;
            return jsonString(body, "message").orElse(body.strip());
        }
        return reason(e);
    }

    /** The first string value of {@code field} in a JSON text (or stream of JSON objects), unescaped. */
    static Optional<String> jsonString(String json, String field) {
        Matcher m = Pattern.compile("(?s)\"" + Pattern.quote(field) + "\"" + JSON_STRING).matcher(json);
        return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
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

    /** Undoes JSON string escapes. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (isHex(s, i + 1)) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(next); // \" \\ \/
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from) {
        if (from + 4 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
