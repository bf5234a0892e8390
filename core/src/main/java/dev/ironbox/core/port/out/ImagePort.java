package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ImageUnavailableException;
import java.io.InputStream;
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
}
