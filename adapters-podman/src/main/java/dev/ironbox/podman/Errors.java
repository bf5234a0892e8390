package dev.ironbox.podman;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.error.MessageText;
import java.io.IOException;

/**
 * Translates libpod failures into Ironbox's exceptions at the adapter boundary, keeping the engine's words — bounded:
 * an engine's message may echo a megabyte of the caller's input, and the cause keeps the whole.
 */
final class Errors {

    /** Characters of a raw body (not an engine's error) kept in a message. */
    private static final int LONGEST_QUOTE = 500;

    /** Characters of an engine's own message kept in an Ironbox message. */
    static final int LONGEST_MESSAGE = 1000;

    private Errors() {}

    static ContainerFailureException container(String context, Throwable e) {
        String why = lostEngine(e) ? "the engine is unreachable or went away (" + message(e) + ")" : message(e);
        return new ContainerFailureException(bounded(context) + ": " + why, e);
    }

    /**
     * Whether {@code e} is a failure of the connection to the engine rather than an answer from it (an error status
     * is a {@link LibpodException} with a status): a bare "Connection reset by peer" would not tell the user that
     * the engine stopped or restarted.
     */
    static boolean lostEngine(Throwable e) {
        if (e instanceof LibpodException libpod && libpod.status() > 0) {
            return false;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IOException;
    }

    static ImageUnavailableException image(String context, Throwable e) {
        return new ImageUnavailableException(bounded(context) + ": " + message(e), e);
    }

    /** A {@link LibpodException}'s message (the engine's, verbatim), or the innermost cause's; bounded. */
    static String message(Throwable e) {
        return bounded(e instanceof LibpodException ? String.valueOf(e.getMessage()) : reason(e));
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

    /** The innermost cause's simple class name, for telling transport failures apart. */
    static String rootType(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** A raw body for a message: at most {@code LONGEST_QUOTE} characters, saying how many were left out. */
    static String shorten(String text) {
        return MessageText.cut(text, LONGEST_QUOTE);
    }

    /** An engine's message for a message: at most {@link #LONGEST_MESSAGE} characters. */
    static String bounded(String text) {
        return MessageText.cut(text, LONGEST_MESSAGE);
    }
}
