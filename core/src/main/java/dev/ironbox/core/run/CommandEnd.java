package dev.ironbox.core.run;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.RunPhase;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a command that runs in a container, from its start on: wait for its exit within the deadline, kill it
 * at the deadline, then drain its output. One piece for the cold run ({@link ContainerRun}) and the pooled run
 * ({@link PooledRun}), so both report exits, timeouts and OOM kills alike.
 */
final class CommandEnd {

    private static final Logger LOG = LoggerFactory.getLogger(CommandEnd.class);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    /** How the command ended: its status (137 when even the kill was not seen), and whether the deadline ended it. */
    record Outcome(ExitStatus status, boolean timedOut) {}

    private CommandEnd() {}

    /**
     * Waits for the command's end; times {@link RunPhase#WAIT} and {@link RunPhase#DRAIN} on {@code clock}.
     *
     * @throws InterruptedException when interrupted while waiting (the caller removes the container)
     */
    static Outcome await(ContainerRuntime runtime, ContainerId id, Duration timeout, LogFollow follow,
            Duration drainTimeout, PhaseClock clock) throws InterruptedException {
        clock.mark();
        Optional<ExitStatus> exit = runtime.lifecycle().awaitExit(id, timeout);
        boolean timedOut = false;
        if (exit.isEmpty()) {
            LOG.info("container {} passed its {} deadline; killing it", id, timeout);
            runtime.lifecycle().kill(id);
            exit = runtime.lifecycle().awaitExit(id, KILL_GRACE);
            timedOut = exit.map(status -> !ContainerRun.endedOnItsOwn(status)).orElse(true);
            if (!timedOut) {
                LOG.info("container {} ended on its own at its deadline (exit {}): not a timeout", id,
                        exit.get().exitCode());
            }
        }
        clock.end(RunPhase.WAIT);
        if (!follow.awaitEnd(drainTimeout)) {
            LOG.warn("output of container {} did not end within {}", id, drainTimeout);
        }
        clock.end(RunPhase.DRAIN);
        return new Outcome(exit.orElse(new ExitStatus(ContainerRun.SIGKILL_EXIT, false)), timedOut);
    }
}
