package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;

/**
 * Orders creation against close: a creation enters before it asks the engine for anything and leaves once what it
 * made is registered for removal (or undone); {@link #closeAndAwait} refuses new creations and waits for those in
 * flight. So a close that sweeps what is registered afterwards misses nothing: without it a container created while
 * close swept, and registered just after, outlived the close (a flaky {@code closeRemovesWhatIsStillRunning}).
 * Thread-safe.
 */
final class CreationGate {

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
        while (inFlight > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // creations are bounded by the engine's timeouts; close finishes its sweep first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
