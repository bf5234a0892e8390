package dev.ironbox.enginestreams;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.port.out.ExecPort.DeadlineKill;
import dev.ironbox.core.port.out.ExecPort.ExecExit;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How both engine adapters follow an exec through the engine's inspect, since neither engine can kill an exec or
 * report its end on the stream: when its process started (its time begins then), its exit code once its output
 * ended, and what happens at its deadline. The engine calls are the adapter's ({@link Inspection}).
 */
public final class ExecPolling {

    private static final Logger LOG = LoggerFactory.getLogger(ExecPolling.class);

    private static final long FIRST_POLL_MILLIS = 5;
    private static final long LAST_POLL_MILLIS = 200;
    private static final long START_POLL_MILLIS = 20;
    /** How long the engine may take to run an exec's process once asked to; a healthy engine takes under a second. */
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private ExecPolling() {}

    /**
     * What one inspect of the exec says.
     *
     * @param started whether the engine ran the process (it has a pid, runs, or ran)
     * @param exitCode its exit code once it no longer runs and the engine has one, else empty
     */
    public record ExecState(boolean started, OptionalInt exitCode) {}

    /** One inspect of the exec by the engine. */
    @FunctionalInterface
    public interface Inspection {
        /** @throws ContainerFailureException when the engine cannot inspect it (the container or exec is gone) */
        ExecState inspect();
    }

    /** Waits for the exec's output to end. */
    @FunctionalInterface
    public interface OutputEnd {
        /** @return true when the output ended within {@code timeout} */
        boolean await(Duration timeout) throws InterruptedException;
    }

    /** The exit code of an exec by {@code deadline} ({@link #exitCode}), with the adapter's checks. */
    @FunctionalInterface
    public interface ExitCodes {
        OptionalInt by(long deadline) throws InterruptedException;
    }

    /**
     * Waits until the engine reports the process started or its output ended, at most 60 s: the command's time
     * begins then.
     *
     * @return false when the engine did not start it within the bound (the caller then treats it as timed out)
     */
    public static boolean awaitProcessStart(Inspection exec, OutputEnd output) throws InterruptedException {
        long bound = Timeouts.deadline(START_BOUND);
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            if (exec.inspect().started()) {
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

    /**
     * The output ended; the engine may still report the process as running for a moment, or for good when it closed
     * its output and went on: poll until the deadline. Past the deadline, one look: a process that ended on its own
     * (its output still held by a child, or its end racing the deadline) keeps its own exit code and is not timed out.
     */
    public static OptionalInt exitCode(Inspection exec, long deadline) throws InterruptedException {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            OptionalInt code = exec.inspect().exitCode();
            if (code.isPresent()) {
                return code;
            }
            long left = Timeouts.remaining(deadline).toMillis();
            if (left <= 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, LAST_POLL_MILLIS);
        }
    }

    /**
     * The exit code once the output ended or the deadline passed. Still running at the deadline: {@code atDeadline}
     * kills it, then the engine's exit code within {@code grace} says whether the kill or the process ended it.
     *
     * @param atDeadline null: nothing is killed at the deadline, the exit code is then empty
     * @param output the output still streaming, or null when it ended
     */
    public static ExecExit atTheEnd(String exec, ExitCodes codes, long deadline, DeadlineKill atDeadline,
            Duration grace, OutputEnd output) throws InterruptedException {
        OptionalInt code = codes.by(deadline);
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
            return new ExecExit(codes.by(after), true);
        } catch (ContainerFailureException gone) {
            // the kill may have ended the whole session (a kill it could not confirm stops it): the exec went with
            // its container, and it was killed at its deadline all the same
            LOG.debug("{} is gone after its deadline's kill: {}", exec, gone.getMessage());
            return new ExecExit(OptionalInt.empty(), true);
        }
    }

    /**
     * On interrupt of an exec whose input is still open: kills it through {@code atDeadline} BEFORE the caller closes
     * the input connection. Closing first makes the engine close the process's stdin, and the command would read
     * end-of-file of a cut-off input and act on it before the caller's kill lands. The interrupt status is cleared
     * for the kill (its own exec would fail at once) and restored after when it was set; a kill that fails is logged,
     * and the caller's own kill after the interrupt then runs (the callback records only a completed kill).
     *
     * @param atDeadline null: nothing to kill (the caller then closes the input as before)
     */
    public static void killBeforeClosingInput(String exec, DeadlineKill atDeadline) {
        if (atDeadline == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            atDeadline.kill();
        } catch (InterruptedException e) {
            interrupted = true;
            LOG.warn("{}: interrupted again while killing it before closing its input", exec);
        } catch (RuntimeException e) {
            LOG.warn("{}: could not kill it before closing its input: {}", exec, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * As {@link #killBeforeClosingInput(String, DeadlineKill)} for an engine error that an interrupt caused (an
     * interrupt inside the adapter's I/O comes back as one, {@link Interrupts}).
     *
     * @return the interrupt to throw instead of {@code error}
     * @throws IronboxException {@code error} itself when no interrupt caused it (nothing is killed)
     */
    public static InterruptedException killBeforeClosingInput(String exec, DeadlineKill atDeadline,
            IronboxException error) {
        InterruptedException interrupt = Interrupts.asInterruptedIfSo(error);
        killBeforeClosingInput(exec, atDeadline);
        return interrupt;
    }
}
