package dev.ironbox.core.run;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs one command in a claimed warm container (the pool's): attach to its running shim, hand it the command over
 * its standard input, then wait, kill at the deadline and drain exactly as a cold run does ({@link CommandEnd}). The
 * caller removes the container, on every path. Thread-safe.
 *
 * <p>The deadline counts from the hand-over's return (the shim then {@code exec}s the command), as a cold run's counts
 * from the engine's start. A hand-over the engine refuses fails the run (an engine error, as a refused attach of a
 * cold run): it is not retried cold, since a refusal after the line was written could not tell whether the command
 * already ran, and a command must never run twice.
 */
public final class PooledRun {

    private final ContainerRuntime runtime;
    private final SandboxSettings settings;

    public PooledRun(ContainerRuntime runtime, SandboxSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    /**
     * @param handOver the shim's one line ({@code dev.ironbox.core.pool.HandOver}), newline included
     * @param claim how long taking the warm container took, for the result's timings
     * @throws InterruptedException when interrupted while waiting; the caller removes the container
     */
    public RunResult run(ContainerId id, byte[] handOver, Duration claim, RunRequest request,
            Consumer<OutputChunk> live) throws InterruptedException {
        OutputCapture capture = new OutputCapture(request.limits().maxOutputBytes());
        LiveOutput sink = new LiveOutput(capture, live);
        PhaseClock clock = new PhaseClock();
        clock.record(RunPhase.CLAIM, claim);
        clock.mark();
        try (LogFollow follow = runtime.logs().attachWithInput(id, handOver, sink)) {
            // the line is written: the shim execs the command now, its time begins here
            long started = System.nanoTime();
            clock.end(RunPhase.HANDOVER);
            CommandEnd.Outcome end = CommandEnd.await(runtime, id, request.limits().timeout(), follow,
                    settings.outputDrainTimeout(), clock);
            RunResult result = Results.of(capture, end.status().exitCode(), end.timedOut(),
                    end.status().oomKilled(), started, runtime.id(), request.image(), request.policy());
            return RunResult.builder().from(result).pooled(true).timings(clock.phases()).build();
        }
    }
}
