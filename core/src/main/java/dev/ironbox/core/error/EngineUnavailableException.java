package dev.ironbox.core.error;

/** No container engine could be reached (every place tried is named in the message). */
public final class EngineUnavailableException extends IronboxException {

    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message, null);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
