package dev.ironbox.core.error;

/** The request needs more than configuration allows (for example FullAccess when it is not enabled). */
public final class PolicyRefusedException extends IronboxException {

    private static final long serialVersionUID = 1L;

    public PolicyRefusedException(String message) {
        super(message, null);
    }

    public PolicyRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
