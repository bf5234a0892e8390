package dev.ironbox.core.port.out;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import java.io.InputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** Runs commands inside an existing, running container. Thread-safe. */
public interface ExecPort {

    /**
     * Runs {@code spec} in container {@code id}, delivering output to {@code sink} as it arrives, and waits at most
     * {@code timeout}, counted from the start of the process (after the engine made the exec), so a slow engine
     * does not eat a short timeout. The adapter does not kill the process when the timeout passes (engines have no
     * exec kill); the sandbox service does that.
     *
     * @return the exit code, or empty when the process still ran when {@code timeout} passed: a process that had
     *     ended by then (also when a child still holds its output open) returns its own exit code
     * @throws ContainerFailureException when the engine cannot run the exec (e.g. the container is not running)
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException;

    /**
     * As {@link #exec(ContainerId, ExecSpec, Consumer, Duration)}, feeding {@code stdin} to the process's standard
     * input (read to its end on an adapter thread, then the input is closed, so the process sees end-of-file). The
     * caller owns and closes {@code stdin}. Copying files into a session uses it ({@code tar -x}).
     *
     * @throws ContainerFailureException when the engine cannot run the exec, or this runtime cannot feed input
     */
    default OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        throw new ContainerFailureException("this runtime cannot feed standard input to a command");
    }

    /**
     * As {@link #exec(ContainerId, ExecSpec, Consumer, Duration)}, and when {@code timeout} passes with the process
     * still running: runs {@code atDeadline} on this thread (the caller's kill: engines cannot kill an exec), then
     * waits up to {@code grace} for the process's end and reports the exit code the engine then gives. So a process
     * whose end raced the deadline (it ended before the kill, the engine had not yet said so) keeps its own code.
     *
     * <p>The default runs the kill and reports no exit code; adapters report the engine's.
     *
     * @return the exit code (empty when the engine gave none within {@code grace}), and whether the deadline passed
     * @throws ContainerFailureException when the engine cannot run the exec (e.g. the container is not running)
     * @throws InterruptedException when the calling thread is interrupted while waiting, or {@code atDeadline} is
     */
    default ExecExit exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout,
            DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        OptionalInt code = exec(id, spec, sink, timeout);
        if (code.isPresent()) {
            return new ExecExit(code, false);
        }
        atDeadline.kill();
        return new ExecExit(OptionalInt.empty(), true);
    }

    /**
     * As {@link #exec(ContainerId, ExecSpec, Consumer, Duration, DeadlineKill, Duration)}, feeding {@code stdin} to the
     * process's standard input as {@link #exec(ContainerId, ExecSpec, InputStream, Consumer, Duration)} does (read to
     * its end on an adapter thread, then closed: the process reads end-of-file). The caller owns and closes
     * {@code stdin}. A session's command with input uses it.
     *
     * <p>The default runs the exec with input, then the kill when its deadline passed, and reports no exit code after a
     * kill; adapters report the engine's.
     *
     * @throws ContainerFailureException when the engine cannot run the exec, or this runtime cannot feed input
     * @throws InterruptedException when the calling thread is interrupted while waiting, or {@code atDeadline} is
     */
    default ExecExit exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout, DeadlineKill atDeadline, Duration grace) throws InterruptedException {
        OptionalInt code = exec(id, spec, stdin, sink, timeout);
        if (code.isPresent()) {
            return new ExecExit(code, false);
        }
        atDeadline.kill();
        return new ExecExit(OptionalInt.empty(), true);
    }

    /**
     * Whether a container's main command (a session's idle watchdog) runs as the child of the container's PID 1, an
     * init that reaps orphans (Docker's and Podman's {@code --init}). The exec killer spares PID 1's oldest child as
     * the watchdog only then; where PID 1 is another container's (a Kubernetes pod's pause container, with a shared
     * PID namespace), the main command's parent is outside the container and PID 1's children are only orphans, which
     * an exec's kill must reach. Default: true.
     */
    default boolean mainCommandIsInitsChild() {
        return true;
    }
    /** The caller's kill of an exec that passed its deadline. */
    @FunctionalInterface
    interface DeadlineKill {
        /**
         * Kills the exec (or its container); called once, after the deadline passed. An exec fed with input calls it
         * on interrupt too, while the input is still open (closing it first would show the command end-of-file of a
         * cut-off input, which it may act on before the kill lands): then with the interrupt status cleared, which it
         * restores after. Calling it again after a completed kill does nothing.
         *
         * @throws InterruptedException when interrupted while waiting for the kill
         */
        void kill() throws InterruptedException;
    }

    /**
     * How an exec ended: its exit code (empty when the engine gave none), and whether its deadline passed first (then
     * {@link DeadlineKill} ran; the exit code tells whether the kill or the process itself ended it).
     */
    record ExecExit(OptionalInt exitCode, boolean deadlinePassed) {}
}
