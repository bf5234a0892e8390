package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.enginestreams.ExecPolling;
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

/**
 * {@link ExecPort} on Podman: {@code POST containers/{id}/exec} creates the session, {@code POST exec/{id}/start}
 * runs it and streams its multiplexed output until it ends (with standard input: over a hijacked connection that
 * also carries the input), {@code GET exec/{id}/json} gives its exit code. At the
 * deadline the stream is closed and the process left running (Podman cannot kill an exec); the sandbox service
 * kills it.
 */
final class PodmanExec implements ExecPort {

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

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        Objects.requireNonNull(stdin, "stdin");
        return run(id, spec, Optional.of(new StdinFeeder(stdin, background)), sink, timeout, atDeadline, grace);
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
            try {
                // the engine runs the process a while after the start request, a second on a loaded machine
                if (ExecPolling.awaitProcessStart(inspection(id, execId), pump::awaitEnd)) {
                    deadline = Timeouts.deadline(timeout);
                } // else the engine never confirmed the start: the timeout counts from the start request, never less

                if (!pump.awaitEnd(Timeouts.remaining(deadline))) {
                    return atTheEnd(id, execId, deadline, atDeadline, grace, pump::awaitEnd);
                }
            } catch (InterruptedException e) {
                // closing the pump closes the input, which Podman passes on as end-of-file: kill first
                if (feeder.isPresent()) {
                    ExecPolling.killBeforeClosingInput("exec " + execId + " in container " + id, atDeadline);
                }
                throw e;
            } catch (IronboxException e) {
                if (feeder.isEmpty()) {
                    throw e;
                }
                // an interrupt inside an inspect comes back as an engine error: kill first all the same
                throw ExecPolling.killBeforeClosingInput("exec " + execId + " in container " + id, atDeadline, e);
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

    private ExecExit atTheEnd(ContainerId id, String execId, long deadline, DeadlineKill atDeadline, Duration grace,
            ExecPolling.OutputEnd output) throws InterruptedException {
        ExecPolling.Inspection inspection = inspection(id, execId);
        return ExecPolling.atTheEnd("exec " + execId + " in container " + id,
                by -> ExecPolling.exitCode(inspection, by), deadline, atDeadline, grace, output);
    }

    /** {@code GET exec/{id}/json}: started once it runs or has a pid; its exit code once it no longer runs. */
    private ExecPolling.Inspection inspection(ContainerId id, String execId) {
        return () -> {
            Libpod.Exec inspected;
            try {
                inspected = client.get("/exec/" + LibpodClient.path(execId) + "/json", Libpod.Exec.class);
            } catch (LibpodException e) {
                throw Errors.container("cannot inspect exec in container " + id, e);
            }
            boolean started = inspected.running() || (inspected.pid() != null && inspected.pid() != 0);
            return new ExecPolling.ExecState(started, !inspected.running() && inspected.exitCode() != null
                    ? OptionalInt.of(inspected.exitCode()) : OptionalInt.empty());
        };
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

    static List<String> env(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
