package dev.ironbox.mcp.call;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tool calls running now, each on its own thread, by JSON-RPC request id, so that a client's
 * {@code notifications/cancelled} (and the server's end) can stop them. Cancelling interrupts the call's thread
 * exactly once: core's services remove the call's container (and its network and proxy lease) before they give up
 * the interrupt, as for {@code RunHandle.cancel()} in the Java API — a second interrupt would cut that cleanup short
 * (a session command's kill, and then the whole session, would be lost). Thread-safe.
 *
 * <p>The SDK's tool handlers see no request id, so the transport writes it into the call's {@code _meta} under
 * {@link #REQUEST_ID_META} before the SDK reads the request ({@link #requestId(Map)} reads it back). Ids are keyed
 * with their JSON type ({@link #key(Object)}): request {@code 5} and request {@code "5"} are two requests.
 */
public final class InFlightCalls {

    /** The {@code _meta} key the transport sets on every {@code tools/call}; a client's own value is overwritten. */
    public static final String REQUEST_ID_META = "dev.ironbox/request-id";

    private static final AtomicLong THREADS = new AtomicLong();

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Calls cancelled before they registered (still on their way to {@link #call}); see {@link #expect}. */
    private final Set<String> cancelledEarly = ConcurrentHashMap.newKeySet();
    /** Calls the transport has handed to a handler and that have not registered or ended yet. */
    private final Set<String> expected = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * The key of a JSON-RPC id: a string id in quotes, an integer id as its digits (whatever Java number type the
     * JSON reader gave it). {@code 5}, {@code 5L} → {@code 5}; {@code "5"} → {@code "5"} with its quotes.
     */
    public static String key(Object id) {
        if (id instanceof String text) {
            return '"' + text + '"';
        }
        if (id instanceof Integer || id instanceof Long || id instanceof Short || id instanceof Byte) {
            return Long.toString(((Number) id).longValue());
        }
        if (id instanceof java.math.BigInteger big) {
            return big.toString();
        }
        return String.valueOf(id); // not an id JSON-RPC allows (a fraction, an object): matches no integer id
    }

    /** The request id the transport put in a call's {@code _meta}, as the key {@link #cancel} takes. */
    public static Optional<String> requestId(Map<String, Object> meta) {
        return Optional.ofNullable(meta).map(m -> m.get(REQUEST_ID_META)).map(String::valueOf);
    }

    /** The transport is about to hand call {@code requestId} to a handler: a cancel from now on reaches it. */
    public void expect(String requestId) {
        expected.add(requestId);
    }

    /** Call {@code requestId}'s handler has returned: nothing of it is kept. */
    public void forget(String requestId) {
        expected.remove(requestId);
        cancelledEarly.remove(requestId);
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
        if (closed || requestId.map(cancelledEarly::remove).orElse(false)) {
            throw new CancellationException(closed ? "the server is shutting down" : "cancelled by the client");
        }
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(() -> outcome.runOf(work), "ironbox-mcp-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        Running entry = new Running(thread);
        requestId.ifPresent(id -> running.put(id, entry));
        try {
            thread.start();
            if (closed || requestId.map(cancelledEarly::remove).orElse(false)) {
                entry.cancel(); // a cancel (or closeAll) came between the checks above and the registration
            }
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    entry.cancel(); // once: the call's cleanup must not be interrupted again
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            requestId.ifPresent(id -> running.remove(id, entry));
        }
        return outcome.get();
    }

    /**
     * Cancels the call with that request key ({@link #key}); returns at once (the call's own thread cleans up and
     * then answers). A call on its way to {@link #call} ({@link #expect}ed) is cancelled when it gets there; an
     * unknown key (a finished call, or one never seen) is ignored, as the protocol asks.
     *
     * @return whether a call was (or will be) cancelled
     */
    public boolean cancel(String requestId) {
        Running entry = running.get(requestId);
        if (entry != null) {
            entry.cancel();
            return true;
        }
        if (expected.contains(requestId)) {
            cancelledEarly.add(requestId);
            Running late = running.get(requestId); // it may have registered meanwhile
            if (late != null) {
                late.cancel();
            }
            return true;
        }
        return false;
    }

    /** Cancels every call and refuses new ones; returns once every cancelled call has finished its cleanup. */
    public void closeAll() {
        closed = true;
        running.values().forEach(Running::cancel);
        for (Running entry : running.values()) {
            boolean interrupted = false;
            while (entry.thread.isAlive()) {
                try {
                    entry.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a call with that key runs now. */
    public boolean isRunning(String requestId) {
        return running.containsKey(requestId);
    }

    /** A running call's thread, interrupted at most once. */
    private static final class Running {
        final Thread thread;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Running(Thread thread) {
            this.thread = thread;
        }

        void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                thread.interrupt();
            }
        }
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
