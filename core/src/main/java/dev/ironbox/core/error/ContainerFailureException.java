package dev.ironbox.core.error;

/** The engine failed to create, start, wait for, inspect or remove a container, or to run an exec. */
public final class ContainerFailureException extends IronboxException {

    private static final long serialVersionUID = 1L;

    public ContainerFailureException(String message) {
        super(message, null);
    }

    public ContainerFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
