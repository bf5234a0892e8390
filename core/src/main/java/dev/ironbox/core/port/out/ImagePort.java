package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ImageUnavailableException;
import dev.ironbox.core.model.ImageSummary;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;

/** Local images: look up, pull, import. Thread-safe. */
public interface ImagePort {

    /** Whether {@code image} is present locally. */
    boolean exists(String image);

    /**
     * Pulls {@code image} from its registry, waiting at most {@code timeout}.
     *
     * @throws ImageUnavailableException when the pull fails or takes longer than {@code timeout}
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    void pull(String image, Duration timeout) throws InterruptedException;

    /**
     * Creates {@code image} from a root filesystem tar (like {@code docker import}). The caller owns and closes
     * {@code rootfsTar}; the adapter reads it to its end.
     *
     * @throws ImageUnavailableException when the engine refuses the archive
     */
    void importRootfs(String image, InputStream rootfsTar);

    /**
     * As {@link #importRootfs(String, InputStream)}, giving the image {@code labels} (a host-tools image carries
     * {@code dev.ironbox.host-tools}).
     *
     * @throws ImageUnavailableException when the engine refuses the archive, or this runtime cannot label imports
     */
    default void importRootfs(String image, InputStream rootfsTar, Map<String, String> labels) {
        if (!labels.isEmpty()) {
            throw new ImageUnavailableException("this runtime cannot give an imported image labels");
        }
        importRootfs(image, rootfsTar);
    }

    /**
     * The local image {@code image} (a reference or an id), with its labels; empty when it is absent.
     *
     * @throws ImageUnavailableException when the engine cannot be asked, or this runtime cannot inspect images
     */
    default Optional<ImageSummary> inspect(String image) {
        throw new ImageUnavailableException("this runtime cannot inspect images");
    }

    /**
     * Every local image.
     *
     * @throws ImageUnavailableException when the engine cannot list them, or this runtime cannot list images
     */
    default List<ImageSummary> list() {
        throw new ImageUnavailableException("this runtime cannot list images");
    }

    /**
     * Removes the local image {@code image} (a reference or an id); an absent image is not an error.
     *
     * @throws ImageUnavailableException when the engine refuses (e.g. a container uses it), or this runtime cannot
     *     remove images
     */
    default void remove(String image) {
        throw new ImageUnavailableException("this runtime cannot remove images");
    }
}
