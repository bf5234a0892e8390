package dev.ironbox.podman;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.ImageUnavailableException;

/** Translates libpod failures into Ironbox's exceptions at the adapter boundary, keeping the engine's words. */
final class Errors {

    private static final int LONGEST_QUOTE = 500;

    private Errors() {}

    static ContainerFailureException container(String context, Throwable e) {
        return new ContainerFailureException(context + ": " + message(e), e);
    }

    static ImageUnavailableException image(String context, Throwable e) {
        return new ImageUnavailableException(context + ": " + message(e), e);
    }

    /** A {@link LibpodException}'s message (the engine's, verbatim), or the innermost cause's. */
    static String message(Throwable e) {
        return e instanceof LibpodException ? String.valueOf(e.getMessage()) : reason(e);
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

    static String shorten(String text) {
        return text.length() <= LONGEST_QUOTE ? text : text.substring(0, LONGEST_QUOTE) + "...";
    }
}
