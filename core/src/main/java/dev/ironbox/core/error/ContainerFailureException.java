package dev.ironbox.core.error;

import java.util.Objects;

/**
 * The engine failed to create, start, wait for, inspect or remove a container, or to run an exec. A failed start
 * says, in {@link #startFailure()}, whether the command itself could not be started.
 */
public final class ContainerFailureException extends IronboxException {

    private static final long serialVersionUID = 1L;

    private final StartFailure startFailure;

    /** @param message one line for the user, naming the failed engine operation */
    public ContainerFailureException(String message) {
        this(message, null, StartFailure.OTHER);
    }

    /**
     * @param message one line for the user, naming the failed engine operation
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public ContainerFailureException(String message, Throwable cause) {
        this(message, cause, StartFailure.OTHER);
    }

    /**
     * A failed start, classified by the adapter from its engine's signals.
     *
     * @param startFailure why the command could not start; {@link StartFailure#OTHER} for any other failure
     */
    public ContainerFailureException(String message, Throwable cause, StartFailure startFailure) {
        super(message, cause);
        this.startFailure = Objects.requireNonNull(startFailure, "startFailure");
    }

    /** Why the command could not start: {@link StartFailure#OTHER} unless the command itself was the problem. */
    public StartFailure startFailure() {
        return startFailure;
    }
}
