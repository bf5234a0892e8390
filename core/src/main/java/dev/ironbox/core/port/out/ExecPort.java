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
}
