package dev.ironbox.app;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.net.InetAddress;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An egress proxy started at the first run that needs one: a sandbox whose runs never reach the network never starts
 * Jetty. One per sandbox; {@link #close()} stops it if it was started. A start that fails is not remembered: the next
 * run tries again. Thread-safe.
 */
final class LazyEgressProxy implements EgressProxyPort {

    private final Supplier<EgressProxyPort> start;
    private EgressProxyPort proxy;
    private boolean closed;

    LazyEgressProxy(Supplier<EgressProxyPort> start) {
        this.start = start;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when this proxy is closed
     */
    @Override
    public EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets) {
        return started().open(listenAddress, policy, secrets);
    }

    private synchronized EgressProxyPort started() {
        if (closed) {
            throw new IllegalStateException("the egress proxy is closed");
        }
        if (proxy == null) {
            proxy = start.get();
        }
        return proxy;
    }

    /** Whether the proxy was started (for tests). */
    synchronized boolean isStarted() {
        return proxy != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (proxy != null) {
            proxy.close();
        }
    }
}
