package dev.ironbox.core.error;

/** Bad input: an unknown policy or runtime, a malformed limit, an unusable workspace, an empty command. */
public final class InvalidConfigurationException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming the value or key at fault */
    public InvalidConfigurationException(String message) {
        super(message, null);
    }

    /**
     * @param message one line for the user, naming the value or key at fault
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
