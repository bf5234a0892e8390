package dev.ironbox.core.error;

/** The engine failed to create, start, wait for, inspect or remove a container, or to run an exec. */
public final class ContainerFailureException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming the failed engine operation */
    public ContainerFailureException(String message) {
        super(message, null);
    }

    /**
     * @param message one line for the user, naming the failed engine operation
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public ContainerFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
