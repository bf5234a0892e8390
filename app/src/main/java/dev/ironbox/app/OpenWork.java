package dev.ironbox.app;

import dev.ironbox.core.error.ContainerFailureException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background runs and sessions one {@link Ironbox} still has open, so that closing it ends them all: no thread,
 * container or network outlives it. Thread-safe.
 */
final class OpenWork {

    private static final Logger LOG = LoggerFactory.getLogger(OpenWork.class);

    private final Set<RunHandle> runs = ConcurrentHashMap.newKeySet();
    private final Set<IronboxSession> sessions = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** Starts and tracks a run until it ends; refused once closed. */
    synchronized RunHandle track(Supplier<RunHandle> start) {
        refuseIfClosed();
        RunHandle handle = start.get();
        runs.add(handle);
        if (handle.isDone()) {
            runs.remove(handle); // it ended before it was added: its own removal came too early
        }
        return handle;
    }

    void ended(RunHandle handle) {
        runs.remove(handle);
    }

    /** Tracks a session until it closes; refused once closed. */
    synchronized IronboxSession track(IronboxSession session) {
        if (closed) {
            session.close();
            refuseIfClosed();
        }
        sessions.add(session);
        return session;
    }

    void closed(IronboxSession session) {
        sessions.remove(session);
    }

    /** Refuses new work, cancels every run (each returns once its container is gone), then closes every session. */
    void closeAll() {
        synchronized (this) {
            closed = true;
        }
        for (RunHandle run : List.copyOf(runs)) {
            run.cancel();
        }
        for (IronboxSession session : List.copyOf(sessions)) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("could not stop session {}; the sandbox's close removes its container", session.id(), e);
            }
        }
    }

    synchronized void refuseIfClosed() {
        if (closed) {
            throw new ContainerFailureException("this Ironbox is closed");
        }
    }
}
