package dev.ironbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.enginestreams.Timeouts;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ExecPort} on Docker: create the exec, stream its output until it ends or the deadline passes, then read its
 * exit code. The process is not killed on timeout (Docker cannot kill an exec); the sandbox service does that. An
 * exec with standard input runs over a socket of its own ({@link HijackedExecStart}).
 */
final class DockerExec implements ExecPort {

    private static final Logger LOG = LoggerFactory.getLogger(DockerExec.class);

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 200;
    private static final long START_POLL_MILLIS = 20;
    /** How long the engine may take to run an exec's process once asked to; a healthy engine takes under a second. */
    private static final Duration START_BOUND = Duration.ofSeconds(60);

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

    /** {@code atDeadline} null: nothing is killed at the deadline, the exit code is then empty. */
    private ExecExit run(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        String execId = create(id, spec, stdin != null);
        // the command's time begins at its start, not before the engine made the exec
        long deadline = Timeouts.deadline(timeout); // with input: from the start request (no look before it runs)
        if (stdin != null) {
            try {
                withInput.run(execId, stdin, sink, Timeouts.remaining(deadline));
            } catch (ContainerFailureException e) {
                throw new ContainerFailureException("exec in container " + id + ": " + e.getMessage(), e);
            }
            return atTheEnd(id, execId, deadline, atDeadline, grace, null);
        }
        try (FrameCallback callback = new FrameCallback(sink)) {
            try {
                client.execStartCmd(execId).withDetach(false).withTty(false).exec(callback);
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot start exec in container " + id, e);
            }
            // the engine answers the start before it runs the process, which takes a second on a loaded machine
            if (awaitProcessStart(id, execId, callback)) {
                deadline = Timeouts.deadline(timeout);
            } // else the engine never confirmed the start: the timeout counts from the start request, never less

            if (!callback.await(Timeouts.remaining(deadline))) {
                return atTheEnd(id, execId, deadline, atDeadline, grace, callback);
            }
            Optional<Throwable> failure = callback.failure();
            if (failure.isPresent()) {
                throw DockerErrors.container("exec in container " + id + " failed", failure.get());
            }
        }
        return atTheEnd(id, execId, deadline, atDeadline, grace, null);
    }

    /**
     * The exit code once the output ended or the deadline passed. Still running at the deadline: {@code atDeadline}
     * kills it, then the engine's exit code within {@code grace} says whether the kill or the process ended it.
     */
    private ExecExit atTheEnd(ContainerId id, String execId, long deadline, DeadlineKill atDeadline, Duration grace,
            FrameCallback output) throws InterruptedException {
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
            output.await(Timeouts.remaining(after)); // the rest of its output, which the kill ends
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
     * Waits until the engine reports the process started (it has a pid) or ended, at most {@link #START_BOUND}:
     * the command's time begins then.
     *
     * @return false when the engine did not start it within the bound (the caller then treats it as timed out)
     */
    private boolean awaitProcessStart(ContainerId id, String execId, FrameCallback output)
            throws InterruptedException {
        long bound = Timeouts.deadline(START_BOUND);
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            InspectExecResponse inspected;
            try {
                inspected = client.inspectExecCmd(execId).exec();
            } catch (RuntimeException e) {
                throw DockerErrors.container("cannot inspect exec in container " + id, e);
            }
            Long pid = inspected.getPidLong();
            if ((pid != null && pid != 0) || Boolean.TRUE.equals(inspected.isRunning())
                    || inspected.getExitCodeLong() != null) {
                return true;
            }
            long left = Timeouts.remaining(bound).toMillis();
            if (left <= 0) {
                return false;
            }
            if (output.await(Duration.ofMillis(Math.min(pause, left)))) {
                return true; // the output ended: the process ran
            }
            pause = Math.min(pause * 2, START_POLL_MILLIS);
        }
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
