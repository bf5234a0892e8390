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

    /**
     * Whether {@link #attachWithInput} works on this runtime. A runtime that cannot has no warm pool (its runs all go
     * cold) and refuses a run with standard input (a session's command can have one).
     */
    default boolean attachesWithInput() {
        return false;
    }

    /**
     * Attaches to a container created with {@link dev.ironbox.core.model.ContainerSpec#openStdin()}: follows its stdout
     * and stderr as {@link #follow} does, writes {@code input} to its standard input, then closes that input, so the
     * command reads {@code input} and then end-of-file.
     *
     * <p>On a RUNNING container (a pooled sandbox's hand-over: its shim reads the command there, then runs it), returns
     * once {@code input} was written, so nothing the command writes afterwards is missed. On a container created but
     * not yet started (a cold run with input, attached as {@link #follow} is, before its start), returns once the
     * engine streams the output; the input is written as the command reads it, after the caller's start. A command
     * that ends without reading all its input is no error: its output and exit status stand.
     *
     * @return a handle the caller must close, as for {@link #follow}
     * @throws UnsupportedOperationException when {@link #attachesWithInput()} is false
     * @throws dev.ironbox.core.error.ContainerFailureException when the engine refuses the attach or the write, or the
     *     container is neither running nor newly created (with {@link dev.ironbox.core.error.StartFailure#NOT_RUNNING})
     */
    default LogFollow attachWithInput(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        throw new UnsupportedOperationException("this runtime cannot write to a container's standard input");
    }

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
