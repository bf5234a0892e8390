package dev.ironbox.core.error;

/** The image is absent and could not be pulled, imported or built. */
public final class ImageUnavailableException extends IronboxException {

    private static final long serialVersionUID = 1L;

    public ImageUnavailableException(String message) {
        super(message, null);
    }

    public ImageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
