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

    DockerExec(DockerClient client, HijackedExecStart withInput) {
        this.client = client;
        this.withInput = withInput;
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
        String execId = create(id, spec, stdin != null);
        // the command's time begins at its start, not before the engine made the exec
        long deadline = Timeouts.deadline(timeout);
        if (stdin != null) {
            try {
                withInput.run(execId, stdin, sink, Timeouts.remaining(deadline));
            } catch (ContainerFailureException e) {
                throw new ContainerFailureException("exec in container " + id + ": " + e.getMessage(), e);
            }
            // ended or not: the engine's exit code says (past the deadline, one look: see below)
            return exitCode(id, execId, deadline);
        }
        try (FrameCallback callback = new FrameCallback(sink)) {
            try {
                client.execStartCmd(execId).withDetach(false).withTty(false).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot start exec in container " + id, e);
            }
            if (!callback.await(Timeouts.remaining(deadline))) {
                return exitCode(id, execId, deadline); // past the deadline: one look, see below
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
     * its output and went on: poll until the deadline. Past the deadline, one look: a process that ended on its own
     * (its output still held by a child, or its end racing the deadline) keeps its own exit code and is not timed out.
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
