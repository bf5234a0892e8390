package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link LogCollectionPort} on Docker: attaches to the created container's stdout and stderr before it starts, as
 * {@code docker run} does. Not {@code logs --follow}: Docker 20.10 ends a follow at the container's exit before its
 * last, newline-free output reaches the log file, so a command that prints without a final newline lost everything.
 */
final class DockerLogs implements LogCollectionPort {

    /** How long the engine may take to accept the attach. */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient client;
    private final DockerHandOver handOver;

    DockerLogs(DockerClient client, DockerHandOver handOver) {
        this.client = client;
        this.handOver = handOver;
    }

    /** On {@code unix://} and plain {@code tcp://} endpoints; not over TLS (see {@link HijackedExecStart}). */
    @Override
    public boolean attachesWithInput() {
        return handOver.supported();
    }

    /**
     * Refuses a container that is not running (Docker would hold the attach open until it ran again), then attaches
     * over a connection of Ironbox's own ({@link DockerHandOver}) and returns once {@code input} was written to it.
     */
    @Override
    public LogFollow attachWithInput(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        if (!handOver.supported()) {
            throw new UnsupportedOperationException("cannot write to a container's standard input through "
                    + "this endpoint (TLS)");
        }
        return handOver.attach(id, input, sink);
    }

    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        FrameCallback callback = new FrameCallback(sink);
        try {
            client.attachContainerCmd(id.value())
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withLogs(false)
                    .exec(callback);
            if (!callback.awaitStarted(ATTACH_TIMEOUT)) {
                throw new IllegalStateException("the engine did not accept the attach within " + ATTACH_TIMEOUT);
            }
        } catch (InterruptedException e) {
            callback.close();
            Thread.currentThread().interrupt();
            throw DockerErrors.container("interrupted while attaching to container " + id, e);
        } catch (RuntimeException e) {
            callback.close();
            throw DockerErrors.container("cannot attach to the output of container " + id, e);
        }
        Follow follow = new Follow(id, callback);
        callback.failure().ifPresent(failure -> {
            follow.close();
            throw DockerErrors.container("cannot attach to the output of container " + id, failure);
        });
        return follow;
    }

    private record Follow(ContainerId id, FrameCallback callback) implements LogFollow {

        /**
         * @throws dev.ironbox.core.error.ContainerFailureException when following failed (the engine refused it or the
         *     connection broke), so lost output is never mistaken for the end of the output
         */
        @Override
        public boolean awaitEnd(Duration timeout) throws InterruptedException {
            if (!callback.await(timeout)) {
                return false;
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("following the output of container " + id + " failed", failure.get());
            }
            return true;
        }

        @Override
        public void close() {
            callback.close();
        }
    }
}
