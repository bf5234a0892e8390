package dev.ironbox.core.concurrent;

import dev.ironbox.core.error.IronboxException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

/**
 * An interrupt that lands inside an adapter's blocking I/O comes back as an engine error (a channel closed by the
 * interrupt, a transport's InterruptedIOException, a cancelled wait). Callers were promised an InterruptedException;
 * this restores it, the same way for every step of a run.
 */
public final class Interrupts {

    private Interrupts() {}

    /**
     * @return an InterruptedException to throw when {@code error} was caused by an interrupt of this thread
     * @throws IronboxException {@code error} itself otherwise
     */
    public static InterruptedException asInterruptedIfSo(IronboxException error) {
        boolean interrupted = Thread.interrupted();
        for (Throwable t = error; t != null && !interrupted; t = t.getCause()) {
            interrupted = t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof CancellationException // a transport's wait, cancelled by the interrupt
                    || (t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException));
        }
        if (!interrupted) {
            throw error;
        }
        InterruptedException e = new InterruptedException("interrupted: " + error.getMessage());
        e.initCause(error);
        return e;
    }
}
