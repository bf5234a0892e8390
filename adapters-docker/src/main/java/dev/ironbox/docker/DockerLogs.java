package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link LogCollectionPort} on Docker: one following {@code logs} stream per container, from the first byte. */
final class DockerLogs implements LogCollectionPort {

    private final DockerClient client;

    DockerLogs(DockerClient client) {
        this.client = client;
    }

    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        FrameCallback callback = new FrameCallback(sink);
        try {
            client.logContainerCmd(id.value())
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(callback);
        } catch (RuntimeException e) {
            callback.close();
            throw DockerErrors.container("cannot follow the output of container " + id, e);
        }
        return new Follow(id, callback);
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
