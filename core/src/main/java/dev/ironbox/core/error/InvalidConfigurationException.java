package dev.ironbox.core.error;

/** Bad input: an unknown policy or runtime, a malformed limit, an unusable workspace, an empty command. */
public final class InvalidConfigurationException extends IronboxException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message, null);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
