package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.kubernetes.cluster.ChunkOutput;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.pod.PodNames;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ExecPort} on Kubernetes: the API server's exec (a WebSocket, protocol {@code v4.channel.k8s.io}) in the pod's
 * {@link PodNames#SANDBOX_CONTAINER} container, standard output and error on their own channels, the exit code from
 * the status channel ({@link ExecWatch#exitCode()}). The exec runs as the container's user; variables, working
 * directory and the end of the input are carried by the argv ({@link ExecCommand}). Input is read to its end first
 * ({@link InputSpool}) and sent on an adapter thread. At the deadline the stream is closed and the process left
 * running (the API server cannot kill an exec); the sandbox service kills it.
 */
public final class PodExec implements ExecPort {

    private static final Logger LOG = LoggerFactory.getLogger(PodExec.class);
    /** How long the input's sender may take to notice the exec ended before its file is deleted. */
    private static final long SENDER_JOIN_MILLIS = 1000;

    private final Cluster cluster;

    public PodExec(Cluster cluster) {
        this.cluster = cluster;
    }

    /** @throws ContainerFailureException when the pod is gone or not running, with the API server's reason */
    /** A pod's PID 1 is its pause container (shared PID namespace); the sandbox's main command has PPid 0. */
    @Override
    public boolean mainCommandIsInitsChild() {
        return false;
    }

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        return run(id, spec, null, sink, timeout, null, Duration.ZERO).exitCode();
    }

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout,
            DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        return run(id, spec, null, sink, timeout, Objects.requireNonNull(atDeadline, "atDeadline"), grace);
    }

    /**
     * As the exec without input, {@code stdin} read to its end before the exec starts (at most the pod's
     * ephemeral storage), then sent and ended with {@code head -c} (see {@link ExecCommand}).
     *
     * @throws ContainerFailureException when the pod is gone or not running, or the input is too large or unreadable
     */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        Objects.requireNonNull(stdin, "stdin");
        try (InputSpool input = InputSpool.of(stdin, cluster.settings().ephemeralStorage(), "exec in pod " + id)) {
            return run(id, spec, input, sink, timeout, null, Duration.ZERO).exitCode();
        }
    }

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        Objects.requireNonNull(stdin, "stdin");
        try (InputSpool input = InputSpool.of(stdin, cluster.settings().ephemeralStorage(), "exec in pod " + id)) {
            return run(id, spec, input, sink, timeout, Objects.requireNonNull(atDeadline, "atDeadline"), grace);
        }
    }

    /** {@code atDeadline} null: nothing is killed at the deadline, the exit code is then empty. */
    private ExecExit run(ContainerId id, ExecSpec spec, InputSpool input, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        List<String> argv = ExecCommand.argv(spec,
                input == null ? OptionalLong.empty() : OptionalLong.of(input.length()));
        AtomicReference<Status> status = new AtomicReference<>();
        ExecWatch watch = open(id, argv, input != null, sink, status);
        // the command's time begins once the API server upgraded the connection: the process runs then
        long deadline = System.nanoTime() + nanos(timeout);
        Sender sender = input == null ? null : Sender.start(input, watch, id);
        try {
            OptionalInt code = exitCode(id, watch, status, deadline);
            if (code.isPresent()) {
                return new ExecExit(code, false);
            }
            if (atDeadline == null) {
                return new ExecExit(OptionalInt.empty(), true);
            }
            atDeadline.kill();
            try {
                return new ExecExit(exitCode(id, watch, status, System.nanoTime() + nanos(grace)), true);
            } catch (ContainerFailureException gone) {
                // the kill may have ended the whole session: the exec went with its pod, killed at its deadline
                LOG.debug("exec in pod {} is gone after its deadline's kill: {}", id, gone.getMessage());
                return new ExecExit(OptionalInt.empty(), true);
            }
        } finally {
            watch.close();
            if (sender != null) {
                sender.stop();
            }
        }
    }

    private ExecWatch open(ContainerId id, List<String> argv, boolean withInput, Consumer<OutputChunk> sink,
            AtomicReference<Status> status) {
        ContainerResource container = cluster.client().pods().inNamespace(cluster.namespace()).withName(id.value())
                .inContainer(PodNames.SANDBOX_CONTAINER)
                // no wait for readiness: fabric8 would WATCH the pod (a verb the Role does not grant) when it is not
                // ready yet; a pod that is not running is refused by the API server and explained by ExecRefusal
                .withReadyWaitTimeout(0);
        TtyExecOutputErrorable streams = withInput ? container.redirectingInput() : container;
        try {
            return streams.writingOutput(new ChunkOutput(StreamType.STDOUT, sink))
                    .writingError(new ChunkOutput(StreamType.STDERR, sink))
                    .usingListener(new ExecListener() {
                        @Override
                        public void onExit(int code, Status exitStatus) {
                            status.set(exitStatus);
                        }

                        @Override
                        public void onClose(int code, String reason) {
                            // the exit code (or its absence) tells
                        }

                        @Override
                        public void onFailure(Throwable t, Response failureResponse) {
                            LOG.debug("exec in pod {} failed", id, t);
                        }
                    })
                    .exec(argv.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot run exec in pod " + id + ": "
                    + ExecRefusal.of(cluster, id.value(), e), e);
        }
    }

    /**
     * The exit code the status channel gave by {@code deadline}; empty when the process still ran then.
     *
     * @throws ContainerFailureException when the exec failed, or ended without an exit status (pod or connection gone)
     */
    private static OptionalInt exitCode(ContainerId id, ExecWatch watch, AtomicReference<Status> status,
            long deadline) throws InterruptedException {
        Integer code;
        try {
            code = watch.exitCode().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillRunning) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new ContainerFailureException("exec in pod " + id + " failed: " + reason(e.getCause()),
                    e.getCause());
        }
        if (code == null) {
            throw new ContainerFailureException("exec in pod " + id + " ended without an exit status (the pod or "
                    + "the connection to the API server went away)");
        }
        if (code < 0) {
            // a status that is neither Success nor NonZeroExitCode: the exec itself failed (e.g. no sh in the image)
            Status failure = status.get();
            throw new ContainerFailureException("exec in pod " + id + " failed: "
                    + (failure == null || failure.getMessage() == null ? "no exit code" : failure.getMessage()));
        }
        return OptionalInt.of(code);
    }

    /** The API server's own words when it gave a status, else the exception's message. */
    static String reason(Throwable e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                && !k.getStatus().getMessage().isBlank()) {
            return k.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static long nanos(Duration duration) {
        if (duration.isNegative()) {
            return 0;
        }
        try {
            return Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** Sends the spooled input on its own thread, so output is read while input is written. */
    private static final class Sender {
        private final Thread thread;

        private Sender(Thread thread) {
            this.thread = thread;
        }

        static Sender start(InputSpool input, ExecWatch watch, ContainerId id) {
            Thread thread = new Thread(() -> {
                try {
                    input.sendTo(watch.getInput());
                } catch (Exception e) {
                    if (!watch.exitCode().isDone()) {
                        // without all of its input the command would wait for ever (head -c): end the exec
                        LOG.warn("cannot send the input of exec in pod {}: {}", id, e.getMessage());
                        watch.close();
                    } // else the command ended without reading it all, as it may
                }
            }, "ironbox-exec-input");
            thread.setDaemon(true);
            thread.start();
            return new Sender(thread);
        }

        /** Stops sending (the exec ended) and waits a moment, so the input's file is not read after its deletion. */
        void stop() {
            thread.interrupt();
            try {
                thread.join(SENDER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
