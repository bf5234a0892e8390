package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.error.MessageText;

/** The words of a failed request to the API server, for a one-line error. */
public final class ClusterErrors {

    private ClusterErrors() {}

    /**
     * {@code e}'s message and, when a cause lies under it, the innermost one: the client's own message for a failed
     * connection is only "An error has occurred.", the cause says what happened ("Connection refused").
     */
    public static String describe(Throwable e) {
        return withCause(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    /** {@code text}, then the innermost cause under {@code e} in parentheses when there is one. */
    public static String withCause(String text, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            text += " (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
        }
        return MessageText.oneLine(text);
    }
}
