package dev.ironbox.core.run;

import dev.ironbox.core.concurrent.Uninterruptibly;
import dev.ironbox.core.error.ContainerFailureException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders creation against close: a creation enters before it asks the engine for anything and leaves once what it
 * made is registered for removal (or undone); {@link #closeAndAwait} refuses new creations and waits for those in
 * flight. So a close that sweeps what is registered afterwards misses nothing: without it a container created while
 * close swept, and registered just after, outlived the close (a flaky {@code closeRemovesWhatIsStillRunning}).
 * Thread-safe.
 */
final class CreationGate {

    private static final Logger LOG = LoggerFactory.getLogger(CreationGate.class);

    private final String closedMessage;
    private int inFlight;
    private boolean closed;

    CreationGate(String closedMessage) {
        this.closedMessage = closedMessage;
    }

    /** @throws ContainerFailureException once closed */
    synchronized void enter() {
        if (closed) {
            throw new ContainerFailureException(closedMessage);
        }
        inFlight++;
    }

    synchronized void leave() {
        inFlight--;
        notifyAll();
    }

    /** Refuses new creations, then waits (an interrupt is kept for afterwards) until none is in flight. */
    synchronized void closeAndAwait() {
        closed = true;
        boolean interrupted = false;
        // a creation waits for its engine at most ABANDON_AFTER once interrupted; close waits a little longer, then
        // sweeps what is registered rather than hang on an engine that never answers
        long giveUpAt = System.nanoTime() + Uninterruptibly.ABANDON_AFTER.plusSeconds(10).toNanos();
        while (inFlight > 0) {
            long left = giveUpAt - System.nanoTime();
            if (left <= 0) {
                LOG.warn("{} creation(s) still waiting for the engine; closing without them", inFlight);
                break;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true; // close finishes its sweep first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
