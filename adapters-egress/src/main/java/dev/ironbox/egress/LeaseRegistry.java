package dev.ironbox.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;

/** The open leases, by the connector each listens on: a request belongs to the lease whose listener it reached. */
final class LeaseRegistry {

    private final ConcurrentMap<Connector, Lease> byConnector = new ConcurrentHashMap<>();

    void add(Lease lease) {
        byConnector.put(lease.connector(), lease);
    }

    void remove(Lease lease) {
        byConnector.remove(lease.connector(), lease);
    }

    /**
     * The lease of the listener {@code request} arrived on, or {@code null} when that lease is closed or the client is
     * not on the lease's own network (another sandbox trying to borrow this run's policy and credentials).
     */
    Lease of(Request request) {
        Lease lease = byConnector.get(request.getConnectionMetaData().getConnector());
        if (lease == null) {
            return null;
        }
        java.net.SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof java.net.InetSocketAddress client && lease.serves(client.getAddress())) {
            return lease;
        }
        org.slf4j.LoggerFactory.getLogger(LeaseRegistry.class)
                .warn("egress proxy: {} refused a client from outside its network: {}", lease.proxyUri(), remote);
        return null;
    }

    /** Whether {@code address:port} is one of the proxy's own listeners (a request there would loop). */
    boolean isListener(InetAddress address, int port) {
        return byConnector.values().stream().anyMatch(lease -> lease.address().getPort() == port
                && (lease.address().getAddress().equals(address) || lease.address().getAddress().isAnyLocalAddress()));
    }

    List<Lease> all() {
        return List.copyOf(byConnector.values());
    }
}
