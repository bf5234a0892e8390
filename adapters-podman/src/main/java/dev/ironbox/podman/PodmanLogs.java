package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.LogCollectionPort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link LogCollectionPort} on Podman: attaches to the created container's stdout and stderr before it starts, as
 * {@code podman run} does, through {@code POST containers/{id}/attach?stream=true&logs=false}. Podman prepares
 * (initialises) a created container for the attach, connects to conmon's attach socket, and answers {@code 200} with
 * a raw multiplexed stream that ends when the container stops; the response headers come before any output, so once
 * {@link #follow} returns nothing the command writes can be missed. The attach is the only copy of the output:
 * Podman keeps no log of it ({@link SpecGenerator}), so the end of stderr is kept here for {@link ExitWatcher}.
 */
final class PodmanLogs implements LogCollectionPort {

    /** How long the engine may take to accept the attach (it creates the OCI container first). */
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final LibpodClient client;
    private final Background background;
    private final StderrTails tails;
    private final PodmanHandOver handOver;

    PodmanLogs(LibpodClient client, Background background, StderrTails tails) {
        this.client = client;
        this.background = background;
        this.tails = tails;
        this.handOver = new PodmanHandOver(client, background);
    }

    @Override
    public boolean attachesWithInput() {
        return true;
    }

    /**
     * Refuses a container that is neither running nor newly created (Podman would hold the attach open until it ran
     * again). A running one is attached over a connection of its own ({@link PodmanHandOver}), returning once
     * {@code input} was written to it; a created one gets the output's {@link #follow} and an attach of its stdin alone
     * ({@link PodmanHandOver#feed}), which the returned handle closes together.
     */
    @Override
    public LogFollow attachWithInput(ContainerId id, byte[] input, Consumer<OutputChunk> sink) {
        if (handOver.requireRunningOrCreated(id)) {
            return handOver.attach(id, input, sink);
        }
        LogFollow output = follow(id, sink); // first: Podman initialises the container for it
        LogFollow feeding;
        try {
            feeding = handOver.feed(id, input);
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
        return new LogFollow() {
            @Override
            public boolean awaitEnd(Duration timeout) throws InterruptedException {
                return output.awaitEnd(timeout);
            }

            @Override
            public void close() {
                feeding.close();
                output.close();
            }
        };
    }

    /**
     * Attaches and returns once Podman answered (it has then initialised the container and connected to conmon).
     * Chunks reach {@code sink} on one of the runtime's daemon threads.
     *
     * @throws ContainerFailureException when Podman refuses the attach (e.g. it cannot initialise the container), or
     *     does not answer within 30 s
     */
    @Override
    public LogFollow follow(ContainerId id, Consumer<OutputChunk> sink) {
        String path = "/containers/" + LibpodClient.path(id.value())
                + "/attach?stream=true&stdout=true&stderr=true&stdin=false&logs=false";
        InitFailures.StderrTail tail = new InitFailures.StderrTail();
        StreamPump pump = StreamPump.start(background, () -> client.stream(Method.POST, path, null), chunk -> {
            tail.accept(chunk);
            sink.accept(chunk);
        });
        try {
            if (!pump.awaitStarted(ATTACH_TIMEOUT)) {
                pump.close();
                throw new ContainerFailureException("cannot attach to the output of container "
                        + id + ": the engine did not accept the attach within " + ATTACH_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            pump.close();
            Thread.currentThread().interrupt();
            throw Errors.container("interrupted while attaching to container " + id, e);
        }
        Optional<Throwable> failure = pump.failure();
        if (failure.isPresent()) {
            pump.close();
            throw Errors.container("cannot attach to the output of container " + id, failure.get());
        }
        tails.register(id, tail, pump);
        return new Follow(id, pump, tails);
    }

    private record Follow(ContainerId id, StreamPump pump, StderrTails tails) implements LogFollow {

        /**
         * @throws dev.ironbox.core.error.ContainerFailureException when following failed (the connection broke or the
         *     engine reported an error), so lost output is never mistaken for the end of the output
         */
        @Override
        public boolean awaitEnd(Duration timeout) throws InterruptedException {
            if (!pump.awaitEnd(timeout)) {
                return false;
            }
            Optional<Throwable> failure = pump.failure();
            if (failure.isPresent()) {
                throw Errors.container("following the output of container " + id + " failed", failure.get());
            }
            return true;
        }

        @Override
        public void close() {
            tails.forget(id);
            pump.close();
        }
    }
}
