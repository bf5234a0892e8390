package dev.ironbox.core.port.out;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import java.time.Duration;
import java.util.function.Consumer;

/** Streams a container's output. Thread-safe. */
public interface LogCollectionPort {

    /**
     * Follows the container's stdout and stderr from its first byte until it stops, delivering chunks to
     * {@code sink} on an adapter thread, in order per stream. Because Ironbox never auto-removes containers,
     * no output is lost when the command exits before following begins.
     *
     * @return a handle the caller must close (closing stops following and releases the connection)
     */
    LogFollow follow(ContainerId id, Consumer<OutputChunk> sink);

    /** A running log follow. */
    interface LogFollow extends AutoCloseable {

        /**
         * Waits until the stream ended (the container stopped and every chunk was delivered).
         *
         * @return false when {@code timeout} passed first
         */
        boolean awaitEnd(Duration timeout) throws InterruptedException;

        /** Stops following; idempotent; never throws. */
        @Override
        void close();
    }
}
