package dev.ironbox.core.port.out;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import java.time.Duration;
import java.util.function.Consumer;

/** Streams a container's output. Thread-safe. */
public interface LogCollectionPort {

    /**
     * Follows the container's stdout and stderr from its first byte until it stops, delivering chunks to
     * {@code sink} on an adapter thread, in order per stream. Called on a created container BEFORE it starts; returns
     * once the engine is streaming, so nothing the command writes is missed — not even output without a final
     * newline written just before it exits.
     *
     * @return a handle the caller must close (closing stops following and releases the connection)
     * @throws dev.ironbox.core.error.ContainerFailureException when the engine refuses to stream the output
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
