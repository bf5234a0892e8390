package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link ExecPort} on Docker: create the exec, stream its output until it ends or the deadline passes, then read its
 * exit code. The process is not killed on timeout (Docker cannot kill an exec); the sandbox service does that. An
 * exec with standard input runs over a socket of its own ({@link HijackedExecStart}).
 */
final class DockerExec implements ExecPort {

    private final DockerClient client;
    private final HijackedExecStart withInput;
    private final ExternalStops stops;

    DockerExec(DockerClient client, HijackedExecStart withInput) {
        this.client = client;
        this.withInput = withInput;
        this.stops = new ExternalStops(client);
    }

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        return run(id, spec, null, sink, timeout, null, Duration.ZERO).exitCode();
    }

    /** {@code stdin} null: the process's standard input is empty ({@code /dev/null}). */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        return run(id, spec, stdin, sink, timeout, null, Duration.ZERO).exitCode();
    }

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout,
            DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        return run(id, spec, null, sink, timeout, atDeadline, grace);
    }

    @Override
    public ExecExit exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        return run(id, spec, Objects.requireNonNull(stdin, "stdin"), sink, timeout, atDeadline, grace);
    }

    /** {@code atDeadline} null: nothing is killed at the deadline, the exit code is then empty. */
    private ExecExit run(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        String execId = create(id, spec, stdin != null);
        // the command's time begins at its start, not before the engine made the exec
        long deadline = Timeouts.deadline(timeout); // with input: from the start request (no look before it runs)
        if (stdin != null) {
            return runWithInput(id, execId, stdin, sink, deadline, atDeadline, grace);
        }
        try (FrameCallback callback = new FrameCallback(sink)) {
            try {
                client.execStartCmd(execId).withDetach(false).withTty(false).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot start exec in container " + id, e);
            }
            // the engine answers the start before it runs the process, which takes a second on a loaded machine
            if (ExecPolling.awaitProcessStart(inspection(id, execId), callback::await)) {
                deadline = Timeouts.deadline(timeout);
            } // else the engine never confirmed the start: the timeout counts from the start request, never less

            if (!callback.await(Timeouts.remaining(deadline))) {
                return atTheEnd(id, execId, deadline, atDeadline, grace, callback::await);
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("exec in container " + id + " failed", failure.get());
            }
        }
        return atTheEnd(id, execId, deadline, atDeadline, grace, null);
    }

    /**
     * Input connection open until the command's end was seen, or it was killed: at the deadline and on interrupt the
     * kill comes first, then the close (which Docker passes on as end-of-file: a command reading a cut-off input must
     * not see it and act on it). Past the deadline, an exit code found before the kill is the command's own, as
     * without input.
     */
    private ExecExit runWithInput(ContainerId id, String execId, InputStream stdin, Consumer<OutputChunk> sink,
            long deadline, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        try (HijackedExecStart.Started started = withContext(id, () -> withInput.start(execId, stdin, sink))) {
            try {
                if (!started.await(Timeouts.remaining(deadline))) {
                    return atTheEnd(id, execId, deadline, atDeadline, grace, started::await);
                }
            } catch (InterruptedException e) {
                ExecPolling.killBeforeClosingInput("exec " + execId + " in container " + id, atDeadline);
                throw e;
            } catch (IronboxException e) {
                // an interrupt inside an inspect comes back as an engine error: kill first all the same
                throw ExecPolling.killBeforeClosingInput("exec " + execId + " in container " + id, atDeadline, e);
            }
            withContext(id, () -> {
                started.requireNoFailure();
                return started;
            });
        }
        return atTheEnd(id, execId, deadline, atDeadline, grace, null);
    }

    private static <T> T withContext(ContainerId id, Supplier<T> step) {
        try {
            return step.get();
        } catch (ContainerFailureException e) {
            throw new ContainerFailureException("exec in container " + id + ": " + e.getMessage(), e);
        }
    }

    private ExecExit atTheEnd(ContainerId id, String execId, long deadline, DeadlineKill atDeadline, Duration grace,
            ExecPolling.OutputEnd output) throws InterruptedException {
        ExecPolling.Inspection inspection = inspection(id, execId);
        return ExecPolling.atTheEnd("exec " + execId + " in container " + id, by -> {
            OptionalInt code = ExecPolling.exitCode(inspection, by);
            // a daemon shutting down stops the container, and the exec dies with it: not the command's own exit
            if (code.isPresent()) {
                stops.requireNotStopped(id, code.getAsInt(), "exec");
            }
            return code;
        }, deadline, atDeadline, grace, output);
    }

    /** Inspects the exec: started once it has a pid, runs or has an exit code; ended once it no longer runs. */
    private ExecPolling.Inspection inspection(ContainerId id, String execId) {
        return () -> {
            InspectExecResponse inspected;
            try {
                inspected = client.inspectExecCmd(execId).exec();
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot inspect exec in container " + id, e);
            }
            Long pid = inspected.getPidLong();
            Long code = inspected.getExitCodeLong();
            boolean running = Boolean.TRUE.equals(inspected.isRunning());
            boolean started = (pid != null && pid != 0) || running || code != null;
            return new ExecPolling.ExecState(started,
                    !running && code != null ? OptionalInt.of(code.intValue()) : OptionalInt.empty());
        };
    }

    private String create(ContainerId id, ExecSpec spec, boolean withStdin) {
        try {
            return client.execCreateCmd(id.value())
                    .withCmd(spec.command().toArray(new String[0]))
                    .withEnv(env(spec))
                    .withUser(spec.user())
                    .withWorkingDir(spec.workingDir())
                    .withAttachStdin(withStdin)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .exec()
                    .getId();
        } catch (RuntimeException e) {
            // a stopped container answers 409 "Container ... is not running"
            throw DockerErrors.container("cannot run exec in container " + id, e);
        }
    }

    private static List<String> env(ExecSpec spec) {
        return spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
