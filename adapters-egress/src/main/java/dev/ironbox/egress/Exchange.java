package dev.ironbox.egress;

import dev.ironbox.core.model.egress.NetworkEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One decision and what followed it: bytes each way and the final status. Thread-safe; settles once. */
final class Exchange {

    private final AuditLog log;
    private final Instant time;
    private final String method;
    private final String host;
    private final int port;
    private final boolean allowed;
    private final String reason;
    private final boolean credentialInjected;
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile int status;

    Exchange(AuditLog log, Instant time, String method, String host, int port, boolean allowed, String reason,
            boolean credentialInjected) {
        this.log = log;
        this.time = time;
        this.method = method;
        this.host = host;
        this.port = port;
        this.allowed = allowed;
        this.reason = reason;
        this.credentialInjected = credentialInjected;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    void addUp(long bytes) {
        bytesUp.addAndGet(bytes);
    }

    void addDown(long bytes) {
        bytesDown.addAndGet(bytes);
    }

    /** Records the final status (0 for a tunnel) and logs the event; later calls do nothing. */
    void finish(int finalStatus) {
        if (settled.compareAndSet(false, true)) {
            status = finalStatus;
            log.settled(toEvent());
        }
    }

    NetworkEvent toEvent() {
        return new NetworkEvent(time, method, host, port, allowed, reason, credentialInjected, status, bytesUp.get(),
                bytesDown.get());
    }
}
