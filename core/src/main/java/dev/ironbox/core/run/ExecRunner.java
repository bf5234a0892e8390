package dev.ironbox.core.run;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ExecPort.ExecExit;
import dev.ironbox.core.port.out.ExecPort;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command in an existing sandbox container; at its deadline or on interrupt, kills it and what it started
 * ({@link ExecKiller}). A kill that cannot be confirmed (the sandbox stopped, hung or outran the killer) is handed to
 * the owner's fallback: a session is then stopped, so no process of a timed-out command outlives it silently.
 */
public final class ExecRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecRunner.class);
    /** How long the engine may take to report the exit of a killed exec. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    /** What to do with a container whose exec could not be confirmed killed. */
    @FunctionalInterface
    public interface UnconfirmedKill {
        void handle(ContainerId container);
    }

    private final ExecPort exec;
    private final String runtimeId;
    private final String user;
    private final UnconfirmedKill unconfirmed;

    /**
     * Without a fallback: an unconfirmed kill is logged (a container Ironbox does not own is not touched).
     *
     * @param user who the command and its killer run as: {@link dev.ironbox.core.container.HardenedSpecs#CONTAINER_USER} in a session
     */
    public ExecRunner(ExecPort exec, String runtimeId, String user) {
        this(exec, runtimeId, user,
                container -> LOG.warn("processes of a timed-out exec may still run in {}", container));
    }

    public ExecRunner(ExecPort exec, String runtimeId, String user, UnconfirmedKill unconfirmed) {
        this.exec = exec;
        this.runtimeId = runtimeId;
        this.user = user;
        this.unconfirmed = unconfirmed;
    }

    public RunResult exec(ExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        String marker = ExecKiller.newMarker();
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.put(ExecKiller.MARKER_VARIABLE, marker);
        ExecSpec spec = ExecSpec.builder().command(ExecKiller.wrap(request.command(), request.stdin().length > 0))
                .env(env)
                .user(user).build();
        OutputCapture capture = new OutputCapture(request.limits().maxOutputBytes());
        long started = System.nanoTime();
        // an adapter feeding input kills through the callback on interrupt too, before it closes the input (else the
        // command reads end-of-file of a cut-off input and acts on it): a kill it completed is not done again here
        AtomicBoolean killed = new AtomicBoolean();
        ExecExit exit;
        try {
            try {
                exit = run(request, spec, new LiveOutput(capture, live), () -> {
                    if (killed.get()) {
                        return;
                    }
                    LOG.info("killing exec in {} (its {} deadline passed, or it was cancelled)", request.container(),
                            request.limits().timeout());
                    kill(request.container(), marker, started);
                    killed.set(true);
                });
            } catch (IronboxException e) {
                throw Interrupts.asInterruptedIfSo(e);
            }
        } catch (InterruptedException e) {
            if (!killed.get()) {
                killAfterInterrupt(request.container(), marker, started);
            }
            throw e;
        }
        // past the deadline, an exit status other than the kill's is the command's own end: not a timeout
        boolean timedOut = exit.deadlinePassed()
                && exit.exitCode().orElse(ContainerRun.SIGKILL_EXIT) == ContainerRun.SIGKILL_EXIT;
        if (exit.deadlinePassed() && !timedOut) {
            LOG.info("exec in {} ended on its own at its deadline (exit {}): not a timeout", request.container(),
                    exit.exitCode().getAsInt());
        }
        return Results.of(capture, exit.exitCode().orElse(ContainerRun.SIGKILL_EXIT), timedOut, false, started,
                runtimeId, request.image(), request.policy());
    }

    /** With input, the exec that feeds it (then end-of-file); without, the one whose standard input is empty. */
    private ExecExit run(ExecRequest request, ExecSpec spec, Consumer<OutputChunk> sink, ExecPort.DeadlineKill kill)
            throws InterruptedException {
        byte[] stdin = request.stdin();
        if (stdin.length == 0) {
            return exec.exec(request.container(), spec, sink, request.limits().timeout(), kill, KILL_GRACE);
        }
        return exec.exec(request.container(), spec, new ByteArrayInputStream(stdin), sink, request.limits().timeout(),
                kill, KILL_GRACE);
    }

    private void kill(ContainerId container, String marker, long started) throws InterruptedException {
        Duration since = Duration.ofNanos(System.nanoTime() - started);
        if (!ExecKiller.kill(exec, container, marker, user, since)) {
            unconfirmed.handle(container);
        }
    }

    private void killAfterInterrupt(ContainerId container, String marker, long started) {
        boolean interrupted = Thread.interrupted();
        try {
            kill(container, marker, started);
        } catch (InterruptedException ignored) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
