package dev.ironbox.core.run;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Runs one created run container to its end: follow its output (and feed its input, when the request has one), start
 * it, wait for it within the deadline, kill it at the deadline. The caller removes it. Thread-safe.
 *
 * <p>The deadline counts from the command's start (once the engine has started the container), never from before
 * the create: a slow engine must not eat a short timeout. A command that ended on its own is never reported as timed
 * out, also when its end and the deadline race: the kill then finds an exit status that is not the kill's.
 */
public final class ContainerRun {

    /** How a container's init ends when SIGKILLed: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    private final ContainerRuntime runtime;
    private final SandboxSettings settings;

    public ContainerRun(ContainerRuntime runtime, SandboxSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    /** The result's duration is the command's: from its start until its end and the end of its output. */
    public RunResult run(ContainerId id, RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return run(id, request, live, new PhaseClock());
    }

    /**
     * As {@link #run(ContainerId, RunRequest, Consumer)}, timing ATTACH, START, WAIT and DRAIN on {@code clock}; the
     * result's {@code timings} are the clock's phases (those the caller timed before included).
     */
    public RunResult run(ContainerId id, RunRequest request, Consumer<OutputChunk> live, PhaseClock clock)
            throws InterruptedException {
        OutputCapture capture = new OutputCapture(request.limits().maxOutputBytes());
        LiveOutput sink = new LiveOutput(capture, live);
        clock.mark();
        try (LogFollow follow = follow(id, request, sink)) {
            clock.end(RunPhase.ATTACH);
            long started = System.nanoTime();
            try {
                runtime.lifecycle().start(id);
            } catch (ContainerFailureException e) {
                OptionalInt code = StartFailures.exitCodeFor(e.startFailure());
                if (code.isEmpty()) {
                    throw e;
                }
                clock.end(RunPhase.START);
                sink.accept(new OutputChunk(StreamType.STDERR,
                        ("ironbox: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)));
                return result(capture, code.getAsInt(), false, false, started, request, clock);
            }
            clock.end(RunPhase.START);
            // the engine answers the start once the command runs: its time begins here
            started = System.nanoTime();
            CommandEnd.Outcome end = CommandEnd.await(runtime, id, request.limits().timeout(), follow,
                    settings.outputDrainTimeout(), clock);
            return result(capture, end.status().exitCode(), end.timedOut(), end.status().oomKilled(), started,
                    request, clock);
        }
    }

    /**
     * Follows the output; a run with input attaches with it (the container was created with an open stdin), so the
     * command reads the input, then end-of-file, once started.
     */
    private LogFollow follow(ContainerId id, RunRequest request, LiveOutput sink) {
        byte[] stdin = request.stdin();
        return stdin.length == 0 ? runtime.logs().follow(id, sink) : runtime.logs().attachWithInput(id, stdin, sink);
    }

    private RunResult result(OutputCapture capture, int exitCode, boolean timedOut, boolean oomKilled, long started,
            RunRequest request, PhaseClock clock) {
        return Results.of(capture, exitCode, timedOut, oomKilled, started, runtime.id(), request.image(),
                request.policy()).withTimings(clock.phases());
    }

    /**
     * Whether an exit seen after Ironbox's SIGKILL is the command's own: any status but SIGKILL's, or the OOM killer's
     * (the kernel's SIGKILL, which came first when the engine says so).
     */
    public static boolean endedOnItsOwn(ExitStatus status) {
        return status.exitCode() != SIGKILL_EXIT || status.oomKilled();
    }
}
