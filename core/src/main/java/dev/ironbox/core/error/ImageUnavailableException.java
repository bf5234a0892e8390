package dev.ironbox.core.error;

/** The image is absent and could not be pulled, imported or built. */
public final class ImageUnavailableException extends IronboxException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user, naming the image and why it is unavailable */
    public ImageUnavailableException(String message) {
        super(message, null);
    }

    /**
     * @param message one line for the user, naming the image and why it is unavailable
     * @param cause the underlying (engine or I/O) failure, kept for the log; may be {@code null}
     */
    public ImageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
