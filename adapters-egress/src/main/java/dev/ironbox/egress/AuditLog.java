package dev.ironbox.egress;

import dev.ironbox.core.model.egress.NetworkEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lease's decisions, in order: each becomes a {@link NetworkEvent} and one INFO line on the logger
 * {@code dev.ironbox.egress.audit} when it is settled. Holds host names, methods, ports and reasons only: never a
 * path, a query, a header or a secret. Thread-safe.
 */
final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ironbox.egress.audit");

    private final String listener;
    private final List<Exchange> exchanges = new ArrayList<>();

    AuditLog(String listener) {
        this.listener = listener;
    }

    /** An allowed request or tunnel, settled later by {@link Exchange#finish}. */
    Exchange begin(String method, String host, int port, String reason, boolean credentialInjected) {
        Exchange exchange = new Exchange(this, Instant.now(), method, host, port, true, reason, credentialInjected);
        add(exchange);
        return exchange;
    }

    /** A refused request, settled at once with the proxy's own status (403 for a denial, 400 for garbage). */
    void refuse(String method, String host, int port, String reason, int status) {
        Exchange exchange = new Exchange(this, Instant.now(), Replies.printable(method), host, port, false, reason,
                false);
        add(exchange);
        exchange.finish(status);
    }

    /** A snapshot of every decision so far; open exchanges show their bytes so far and status 0. */
    synchronized List<NetworkEvent> events() {
        return exchanges.stream().map(Exchange::toEvent).toList();
    }

    private synchronized void add(Exchange exchange) {
        exchanges.add(exchange);
    }

    void settled(NetworkEvent event) {
        LOG.info("egress {} {} {}:{} {}: {}; credential {}; status {}; bytes up {}, down {}", listener,
                event.method(), event.host(), event.port(), event.allowed() ? "allowed" : "denied", event.reason(),
                event.credentialInjected() ? "injected" : "none", event.status(), event.bytesUp(),
                event.bytesDown());
    }
}
