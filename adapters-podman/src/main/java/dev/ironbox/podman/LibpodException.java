package dev.ironbox.podman;

/**
 * A libpod call failed: the engine answered with an error status (its JSON {@code message} and {@code cause} kept
 * verbatim), or no answer came at all ({@link #status()} 0, the transport's failure as the cause). Never leaves the
 * adapter: each port translates it into Ironbox's exceptions.
 */
final class LibpodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Podman's {@code cause} for a container in the wrong state (for example killing a stopped one). */
    static final String STATE_IMPROPER = "container state improper";

    private final int status;
    private final String engineCause;

    LibpodException(int status, String message, String engineCause) {
        super(message, null);
        this.status = status;
        this.engineCause = engineCause == null ? "" : engineCause;
    }

    LibpodException(String message, Throwable transportFailure) {
        super(message, transportFailure);
        this.status = 0;
        this.engineCause = "";
    }

    /** The HTTP status, or 0 when the engine did not answer. */
    int status() {
        return status;
    }

    /** The engine's short {@code cause} (e.g. {@code no such container}), or empty. */
    String engineCause() {
        return engineCause;
    }

    boolean isNotFound() {
        return status == 404;
    }

    /** A conflict with the container's state: 409, or Podman's 500 with cause "container state improper". */
    boolean isStateConflict() {
        return status == 409 || (status == 500 && STATE_IMPROPER.equals(engineCause));
    }
}
