package dev.ironbox.core.model;

import java.util.OptionalLong;

/**
 * Told how far a long transfer (an image import or pull) has come. Called from the transferring thread, often:
 * implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface TransferProgress {

    /** Ignores every update. */
    TransferProgress NONE = (bytes, total) -> {};

    /**
     * @param bytes bytes transferred so far
     * @param totalBytes the expected total, when known
     */
    void update(long bytes, OptionalLong totalBytes);
}
