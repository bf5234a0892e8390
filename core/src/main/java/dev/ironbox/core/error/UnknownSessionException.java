package dev.ironbox.core.error;

/** No session has the given id on the runtime asked (it never existed, or it stopped and was removed). */
public final class UnknownSessionException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming the session id that is unknown or gone */
    public UnknownSessionException(String message) {
        super(message, null);
    }
}
