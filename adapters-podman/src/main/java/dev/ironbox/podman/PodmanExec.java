package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.enginestreams.Timeouts;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ExecPort} on Podman: {@code POST containers/{id}/exec} creates the session, {@code POST exec/{id}/start}
 * runs it and streams its multiplexed output until it ends (with standard input: over a hijacked connection that
 * also carries the input), {@code GET exec/{id}/json} gives its exit code. At the
 * deadline the stream is closed and the process left running (Podman cannot kill an exec); the sandbox service
 * kills it.
 */
final class PodmanExec implements ExecPort {

    private static final Logger LOG = LoggerFactory.getLogger(PodmanExec.class);

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 200;
    private static final long START_POLL_MILLIS = 20;
    /** How long the engine may take to run an exec's process once asked to; a healthy engine takes under a second. */
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final LibpodClient client;
    private final Background background;

    PodmanExec(LibpodClient client, Background background) {
        this.client = client;
        this.background = background;
    }

    /** @throws ContainerFailureException when the container is gone or not running, with Podman's reason */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        return run(id, spec, Optional.empty(), sink, timeout, null, Duration.ZERO).exitCode();
    }

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout,
            DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        return run(id, spec, Optional.empty(), sink, timeout, atDeadline, grace);
    }

    /**
     * As the exec without input, started over a connection of its own ({@link Hijack}): {@code stdin} is
     * written to it on a daemon thread, then the connection is half-closed, which Podman passes on to the process as
     * end-of-file. Bytes go through unchanged (an API exec has no detach keys).
     *
     * @throws ContainerFailureException when the container is gone or not running, or reading {@code stdin} failed
     */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        Objects.requireNonNull(stdin, "stdin");
        return run(id, spec, Optional.of(new StdinFeeder(stdin, background)), sink, timeout, null, Duration.ZERO)
                .exitCode();
    }

    /** {@code atDeadline} null: nothing is killed at the deadline, the exit code is then empty. */
    private ExecExit run(ContainerId id, ExecSpec spec, Optional<StdinFeeder> feeder, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        String execId = create(id, spec, feeder.isPresent());
        // the command's time begins at its start, not before the engine made the exec
        long deadline = Timeouts.deadline(timeout);
        String start = "/exec/" + LibpodClient.path(execId) + "/start";
        Map<String, Object> body = Map.of("Detach", false, "Tty", false);
        Supplier<LibpodStream> opener = feeder.isEmpty()
                ? () -> client.stream(Method.POST, start, body)
                : () -> feeder.get().start(client.hijack(start, body));
        Consumer<OutputChunk> output = feeder.isEmpty() ? sink : StdinFeeder.withoutUnreadInputNote(sink);
        try (StreamPump pump = StreamPump.start(background, opener, output)) {
            // the engine runs the process a while after the start request, a second on a loaded machine
            if (awaitProcessStart(id, execId, pump)) {
                deadline = Timeouts.deadline(timeout);
            } // else the engine never confirmed the start: the timeout counts from the start request, never less

            if (!pump.awaitEnd(Timeouts.remaining(deadline))) {
                return atTheEnd(id, execId, deadline, atDeadline, grace, pump);
            }
            Optional<Exception> inputFailure = feeder.flatMap(StdinFeeder::readFailure);
            if (inputFailure.isPresent()) {
                throw Errors.container("cannot read the input of exec in container " + id, inputFailure.get());
            }
            Optional<Throwable> failure = pump.failure();
            if (failure.isPresent()) {
                throw Errors.container("exec in container " + id + " failed", failure.get());
            }
        }
        return atTheEnd(id, execId, deadline, atDeadline, grace, null);
    }

    /**
     * The exit code once the output ended or the deadline passed. Still running at the deadline: {@code atDeadline}
     * kills it, then the engine's exit code within {@code grace} says whether the kill or the process ended it.
     */
    private ExecExit atTheEnd(ContainerId id, String execId, long deadline, DeadlineKill atDeadline, Duration grace,
            StreamPump output) throws InterruptedException {
        OptionalInt code = exitCode(id, execId, deadline);
        if (code.isPresent()) {
            return new ExecExit(code, false);
        }
        if (atDeadline == null) {
            return new ExecExit(OptionalInt.empty(), true);
        }
        atDeadline.kill();
        long after = Timeouts.deadline(grace);
        if (output != null) {
            output.awaitEnd(Timeouts.remaining(after)); // the rest of its output, which the kill ends
        }
        try {
            return new ExecExit(exitCode(id, execId, after), true);
        } catch (ContainerFailureException gone) {
            // the kill may have ended the whole session (a kill it could not confirm stops it): the exec went with
            // its container, and it was killed at its deadline all the same
            LOG.debug("exec {} in container {} is gone after its deadline's kill: {}", execId, id, gone.getMessage());
            return new ExecExit(OptionalInt.empty(), true);
        }
    }

    /**
     * Waits until the engine reports the process started (it has a pid) or its output ended, at most
     * {@link #START_BOUND}: the command's time begins then.
     *
     * @return false when the engine did not start it within the bound (the caller then treats it as timed out)
     */
    private boolean awaitProcessStart(ContainerId id, String execId, StreamPump output) throws InterruptedException {
        long bound = Timeouts.deadline(START_BOUND);
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            Libpod.Exec inspected;
            try {
                inspected = client.get("/exec/" + LibpodClient.path(execId) + "/json", Libpod.Exec.class);
            } catch (LibpodException e) {
                throw Errors.container("cannot inspect exec in container " + id, e);
            }
            if (inspected.running() || (inspected.pid() != null && inspected.pid() != 0)) {
                return true;
            }
            long left = Timeouts.remaining(bound).toMillis();
            if (left <= 0) {
                return false;
            }
            if (output.awaitEnd(Duration.ofMillis(Math.min(pause, left)))) {
                return true; // the output ended: the process ran
            }
            pause = Math.min(pause * 2, START_POLL_MILLIS);
        }
    }

    private String create(ContainerId id, ExecSpec spec, boolean attachStdin) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Cmd", spec.command());
        config.put("Env", env(spec.env()));
        config.put("User", spec.user());
        config.put("WorkingDir", spec.workingDir());
        config.put("AttachStdin", attachStdin);
        config.put("AttachStdout", true);
        config.put("AttachStderr", true);
        config.put("Tty", false);
        String context = "cannot run exec in container " + id;
        Reply reply;
        try {
            reply = client.call(Method.POST, "/containers/" + LibpodClient.path(id.value()) + "/exec", config, false);
        } catch (LibpodException e) {
            throw Errors.container(context, e);
        }
        if (!reply.ok()) {
            // a stopped container answers "can only create exec sessions on running containers"
            throw Errors.container(context, reply.error());
        }
        Libpod.Created created = reply.json(Libpod.Created.class);
        if (created.id() == null || created.id().isBlank()) {
            throw new ContainerFailureException(context + ": the engine answered no exec id");
        }
        return created.id();
    }

    /**
     * The output ended; the engine may still report the process as running for a moment, or for good when it closed
     * its output and went on: poll until the deadline. Past the deadline, one look: a process that ended on its own
     * (its output still held by a child, or its end racing the deadline) keeps its own exit code and is not timed out.
     */
    private OptionalInt exitCode(ContainerId id, String execId, long deadline) throws InterruptedException {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            Libpod.Exec inspected;
            try {
                inspected = client.get("/exec/" + LibpodClient.path(execId) + "/json", Libpod.Exec.class);
            } catch (LibpodException e) {
                throw Errors.container("cannot inspect exec in container " + id, e);
            }
            if (!inspected.running() && inspected.exitCode() != null) {
                return OptionalInt.of(inspected.exitCode());
            }
            long left = Timeouts.remaining(deadline).toMillis();
            if (left <= 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, LAST_POLL_MILLIS);
        }
    }

    static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
