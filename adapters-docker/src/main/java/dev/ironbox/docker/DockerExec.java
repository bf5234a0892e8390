package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@link ExecPort} on Docker: create the exec, stream its output until it ends or the deadline passes, then read its
 * exit code. The process is not killed on timeout (Docker cannot kill an exec); the sandbox service does that. An
 * exec with standard input runs over a socket of its own ({@link HijackedExecStart}).
 */
final class DockerExec implements ExecPort {

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 200;

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
        return exec(id, spec, null, sink, timeout);
    }

    /** {@code stdin} null: the process's standard input is empty ({@code /dev/null}). */
    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        long deadline = Timeouts.deadline(timeout);
        String execId = create(id, spec, stdin != null);
        if (stdin != null) {
            boolean ended;
            try {
                ended = withInput.run(execId, stdin, sink, Timeouts.remaining(deadline));
            } catch (ContainerFailureException e) {
                throw new ContainerFailureException("exec in container " + id + ": " + e.getMessage(), e);
            }
            return ended ? exitCode(id, execId, deadline) : OptionalInt.empty();
        }
        try (FrameCallback callback = new FrameCallback(sink)) {
            try {
                client.execStartCmd(execId).withDetach(false).withTty(false).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot start exec in container " + id, e);
            }
            if (!callback.await(Timeouts.remaining(deadline))) {
                return OptionalInt.empty();
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("exec in container " + id + " failed", failure.get());
            }
        }
        return exitCode(id, execId, deadline);
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

    /**
     * The output ended; the engine may still report the process as running for a moment, or for good when it closed
     * its output and went on: poll until the deadline.
     */
    private OptionalInt exitCode(ContainerId id, String execId, long deadline) throws InterruptedException {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            InspectExecResponse inspected;
            try {
                inspected = client.inspectExecCmd(execId).exec();
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot inspect exec in container " + id, e);
            }
            Long code = inspected.getExitCodeLong();
            if (!Boolean.TRUE.equals(inspected.isRunning()) && code != null) {
                // a daemon shutting down stops the container, and the exec dies with it: not the command's own exit
                stops.requireNotStopped(id, code.intValue(), "exec");
                return OptionalInt.of(code.intValue());
            }
            long left = Timeouts.remaining(deadline).toMillis();
            if (left <= 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, LAST_POLL_MILLIS);
        }
    }

    private static List<String> env(ExecSpec spec) {
        return spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
