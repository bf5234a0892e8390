package dev.ironbox.core.error;

/** No container engine could be reached (every place tried is named in the message). */
public final class EngineUnavailableException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming why the engine cannot be reached */
    public EngineUnavailableException(String message) {
        super(message, null);
    }

    /**
     * @param message one line for the user, naming why the engine cannot be reached
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
