package dev.ironbox.core.error;

/** The request needs more than configuration allows (for example FullAccess when it is not enabled). */
public final class PolicyRefusedException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming what the policy refuses */
    public PolicyRefusedException(String message) {
        super(message, null);
    }

    /**
     * @param message one line for the user, naming what the policy refuses
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public PolicyRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
