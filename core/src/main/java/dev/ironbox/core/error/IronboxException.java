package dev.ironbox.core.error;

/**
 * The one family of errors Ironbox throws. Expected outcomes of a command (a non-zero exit, a timeout, an OOM kill)
 * are not errors: they are values in {@code RunResult}. Adapters translate engine errors at the boundary and keep the
 * engine's exception as the cause.
 */
public abstract sealed class IronboxException extends RuntimeException
        permits EngineUnavailableException, ImageUnavailableException, ContainerFailureException,
                InvalidConfigurationException, PolicyRefusedException, UnknownSessionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line for the user: what failed, naming the thing at fault (printed as is, CLI exit 125)
     * @param cause the underlying failure, or {@code null}
     */
    protected IronboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
