package dev.ironbox.core.port.in;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import java.util.function.Consumer;

/** Runs one command in a fresh, hardened sandbox. */
public interface RunCommandUseCase {

    /**
     * Runs {@code request}, delivering output to {@code live} as it arrives (on another thread), and returns the
     * result once the sandbox is gone. The container is removed on success, error, timeout and interrupt.
     *
     * @throws IronboxException for bad input or an engine failure; never for the command's own failure
     * @throws InterruptedException when interrupted; the sandbox is removed before this is thrown
     */
    RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException;

    /**
     * Checks {@code request} as {@link #run} would before it makes anything: its limits against the engine, its
     * workspace, its image (pulled or built when absent, as a run would) and that the runtime can feed its input;
     * runs nothing and creates no container. For a caller that fixes a run's terms once and runs many commands on them
     * ({@code ironbox mcp}), so that terms no run could take are refused at its start, not at every call. The default
     * checks nothing: a sandbox that cannot check ahead refuses at the run.
     *
     * @throws IronboxException naming what a run of {@code request} would be refused for
     */
    default void check(RunRequest request) throws InterruptedException {}

    /** Runs {@code request} without live output. */
    default RunResult run(RunRequest request) throws InterruptedException {
        return run(request, chunk -> {});
    }
}
