package dev.ironbox.podman;

import dev.ironbox.enginestreams.Timeouts;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Discovery's ping: does something answer at this socket, and is it Podman? Says in words why not, telling "nothing
 * listens" from "something listens, but it is not Podman".
 */
final class Probe {

    /** How long a discovery ping waits for an answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Probe() {}

    /**
     * Pings {@code endpoint} with a short-lived client, giving up after {@code timeout}. The transport cannot time out
     * a read on a unix socket, so the ping runs on a daemon thread and the client is closed at the deadline.
     *
     * @return the engine's libpod API version
     * @throws LibpodException when nothing answers in time, or something that is not Podman does
     */
    static String probe(URI endpoint, Duration timeout) {
        LibpodClient client = LibpodClient.open(endpoint);
        FutureTask<String> ping = new FutureTask<>(client::ping);
        Thread thread = new Thread(ping, "ironbox-podman-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return ping.get(Timeouts.nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new LibpodException("no answer", new SocketTimeoutException("no answer within "
                    + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LibpodException failure ? failure : new LibpodException(
                    Errors.reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibpodException("interrupted while pinging " + endpoint, e);
        } finally {
            client.close();
        }
    }

    /** {@link #probe(URI, Duration)} with {@link #TIMEOUT}. */
    static String probe(URI endpoint) {
        return probe(endpoint, TIMEOUT);
    }

    /** Why a ping failed, in words: nothing listens, or what listens is not Podman. */
    static String explain(Throwable failure) {
        String reason = Errors.reason(failure);
        String type = Errors.rootType(failure);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (failure instanceof LibpodException e && e.status() > 0) {
            // it spoke HTTP: the message already says how it differs from Podman
            return "not a Podman API socket: " + e.getMessage();
        }
        if (type.equals("NoHttpResponseException") || type.equals("ConnectionClosedException")
                || lower.contains("failed to respond") || lower.contains("connection reset")
                || lower.contains("broken pipe")) {
            return "not a Podman API socket: it accepted the connection and closed it without an HTTP answer";
        }
        if (type.equals("SocketTimeoutException") || lower.contains("timed out")) {
            return "not a Podman API socket: it accepted the connection but sent " + reason;
        }
        if (type.contains("Protocol") || type.contains("Parse") || lower.contains("invalid")) {
            return "not a Podman API socket: it does not answer HTTP (" + reason + ")";
        }
        return reason;
    }
}
