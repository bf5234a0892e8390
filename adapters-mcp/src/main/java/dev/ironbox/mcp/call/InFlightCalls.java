package dev.ironbox.mcp.call;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tool calls running now, each on its own thread, by JSON-RPC request id, so that a client's
 * {@code notifications/cancelled} (and the server's end) can stop them. Cancelling interrupts the call's thread:
 * core's services remove the call's container (and its network and proxy lease) before they give up the interrupt,
 * as for {@code RunHandle.cancel()} in the Java API. Thread-safe.
 *
 * <p>The SDK's tool handlers see no request id, so the transport writes it into the call's {@code _meta} under
 * {@link #REQUEST_ID_META} before the SDK reads the request ({@link #requestId(Map)} reads it back).
 */
public final class InFlightCalls {

    /** The {@code _meta} key the transport sets on every {@code tools/call}; a client's own value is overwritten. */
    public static final String REQUEST_ID_META = "dev.ironbox/request-id";

    private static final AtomicLong THREADS = new AtomicLong();

    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The request id the transport put in a call's {@code _meta}, as the key {@link #cancel} takes. */
    public static Optional<String> requestId(Map<String, Object> meta) {
        return Optional.ofNullable(meta).map(m -> m.get(REQUEST_ID_META)).map(String::valueOf);
    }

    /**
     * Runs {@code work} on a new thread registered under {@code requestId} (when there is one) and returns its
     * result. The calling thread waits; when it is interrupted, the call is cancelled and waited for.
     *
     * @throws CancellationException when the call was cancelled (by the client, or because the server is ending);
     *     its work has finished by then
     * @throws Exception what {@code work} threw
     */
    public <T> T call(Optional<String> requestId, Callable<T> work) throws Exception {
        if (closed) {
            throw new CancellationException("the server is shutting down");
        }
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(() -> outcome.runOf(work), "ironbox-mcp-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        requestId.ifPresent(id -> running.put(id, thread));
        try {
            thread.start();
            if (closed) {
                thread.interrupt(); // closeAll() may have run between the check above and the registration
            }
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    thread.interrupt();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            requestId.ifPresent(id -> running.remove(id, thread));
        }
        return outcome.get();
    }

    /**
     * Cancels the call with that request id, if it still runs; returns at once (the call's own thread cleans up and
     * then answers). An unknown id (a finished call, or one never seen) is ignored, as the protocol asks.
     */
    public void cancel(String requestId) {
        Thread thread = running.get(requestId);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Cancels every call and refuses new ones; returns once every cancelled call has finished its cleanup. */
    public void closeAll() {
        closed = true;
        running.values().forEach(Thread::interrupt);
        for (Thread thread : running.values()) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a call with that id runs now. */
    public boolean isRunning(String requestId) {
        return running.containsKey(requestId);
    }

    /** What the call's thread ended with. */
    private static final class Outcome<T> {
        private volatile T value;
        private volatile Exception failure;
        private volatile Error error;
        private volatile boolean cancelled;

        void runOf(Callable<T> work) {
            try {
                value = work.call();
                if (Thread.currentThread().isInterrupted()) {
                    cancelled = true; // it ended, but its caller had already given it up
                }
            } catch (InterruptedException e) {
                cancelled = true; // core removed everything before throwing
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    cancelled = true;
                } else {
                    failure = e;
                }
            } catch (Error e) {
                error = e;
            }
        }

        T get() throws Exception {
            if (error != null) {
                throw error;
            }
            if (cancelled) {
                throw new CancellationException("cancelled by the client");
            }
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
