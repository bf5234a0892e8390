package dev.ironbox.core.port.in;

import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import java.util.function.Consumer;

/** Runs a command inside an existing sandbox container, killing it (and what it started) at its deadline. */
public interface ExecCommandUseCase {

    /**
     * Runs {@code request}; at the deadline the exec'd process and its children are killed, the container lives on.
     *
     * @throws dev.ironbox.core.error.ContainerFailureException when the container cannot run it (e.g. it stopped)
     * @throws InterruptedException when interrupted; the exec'd processes are killed before this is thrown
     */
    RunResult exec(ExecRequest request, Consumer<OutputChunk> live) throws InterruptedException;
}
