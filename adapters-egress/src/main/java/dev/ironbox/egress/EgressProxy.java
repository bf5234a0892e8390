package dev.ironbox.egress;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.concurrent.Uninterruptibly;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ironbox's host-side egress proxy, on Jetty 12.1: one {@link Server} per instance, shared by concurrent runs. Each
 * {@link #open lease} adds a listener on the run's gateway address (port chosen by the OS); a request belongs to the
 * lease whose listener it reached and is judged by that lease's {@link EgressPolicy}.
 *
 * <ul>
 *   <li><b>Judging:</b> by name first; then the name is resolved once, the address is judged (loopback, private,
 *       link-local and other non-public addresses only when the allowlist names them), and the proxy connects to
 *       exactly that address, keeping the name for the Host header, SNI and certificate checks. A denial is a 403
 *       whose body is {@code ironbox: denied: <reason>}.</li>
 *   <li><b>Plain HTTP</b> (absolute-form targets) is forwarded by {@code ProxyHandler.Forward} over one shared Jetty
 *       {@code HttpClient}; bodies stream both ways; hop-by-hop headers are dropped.</li>
 *   <li><b>CONNECT</b> is tunnelled blind by {@code ConnectHandler}, except to a host with a credential mapping whose
 *       secret is present: there the proxy terminates TLS with a leaf signed by its own CA (made at start, kept in
 *       memory, given to sandboxes as {@link EgressLease#caCertificatePem()}) and forwards the decrypted requests
 *       over TLS, with the credential added and the sandbox's placeholder replaced.</li>
 *   <li><b>Audit:</b> every decision becomes a {@code NetworkEvent} of its lease and an INFO line on the SLF4J
 *       logger {@code dev.ironbox.egress.audit}. The proxy writes a secret only into the upstream request: never
 *       into a log line, an event or a reply, at any level and whatever the logging backend. Jetty's DEBUG and TRACE
 *       lines print forwarded requests (headers, URIs) and the ends of the buffers they write, so Jetty's objects
 *       and buffers hold a random token in the secret's place, and the secret replaces it only below every layer
 *       that logs: in the socket write or the TLS wrap of a connection to the mapped host ({@link SecretTokens},
 *       {@link SecretSwappingConnector}).</li>
 *   <li><b>Garbage:</b> a bad request line gets 400, request headers over 16 KiB get 431, an origin-form target
 *       gets 400, a CONNECT to a denied host gets 403; the proxy keeps serving.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} closes every lease and stops the server.
 */
public final class EgressProxy implements EgressProxyPort {

    private static final Logger LOG = LoggerFactory.getLogger(EgressProxy.class);
    private static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    private static final int TUNNEL_BUFFER_BYTES = 64 * 1024;

    private final EgressProxyOptions options;
    private final LeaseRegistry leases = new LeaseRegistry();
    private final SecretTokens tokens = new SecretTokens();
    private final MitmTls mitm = new MitmTls();
    private final HttpConfiguration http = new HttpConfiguration();
    private final Server server;
    private final PolicyForwardHandler forward;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A proxy with {@link EgressProxyOptions#defaults()}. */
    public EgressProxy() {
        this(EgressProxyOptions.defaults());
    }

    /**
     * Starts the proxy (no listener yet).
     *
     * @throws InvalidConfigurationException when the upstream CA file cannot be read, or the server cannot start
     */
    public EgressProxy(EgressProxyOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("ironbox-egress");
        threads.setDaemon(true);
        server = new Server(threads);
        Gatekeeper gatekeeper = new Gatekeeper(leases);
        forward = new PolicyForwardHandler(leases, gatekeeper, options, tokens);
        PolicyConnectHandler connect = new PolicyConnectHandler(leases, gatekeeper, mitm, forward);
        connect.setConnectTimeout(options.connectTimeout().toMillis());
        connect.setIdleTimeout(options.idleTimeout().toMillis());
        connect.setBufferSize(TUNNEL_BUFFER_BYTES);
        server.setHandler(connect);
        try {
            server.start();
        } catch (InvalidConfigurationException e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new InvalidConfigurationException("egress proxy: could not start: " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidConfigurationException when nothing can listen on {@code listenAddress}
     * @throws IllegalStateException when the proxy is closed
     */
    @Override
    public EgressLease open(InetAddress listenAddress, EgressPolicy policy, Map<String, String> secrets) {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(secrets, "secrets");
        if (closed.get()) {
            throw new IllegalStateException("the egress proxy is closed");
        }
        ClientRange clients = ClientRange.of(listenAddress); // before listening: fails when the network is unknown
        ServerConnector connector = new ServerConnector(server, 0, 1, new TargetFormConnectionFactory(http));
        connector.setHost(listenAddress.getHostAddress());
        connector.setPort(0);
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            throw new InvalidConfigurationException("egress proxy: cannot listen on "
                    + listenAddress.getHostAddress() + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = new InetSocketAddress(listenAddress, connector.getLocalPort());
        String caPem = policy.credentials().isEmpty() ? null : mitm.authorityPem();
        Lease lease = new Lease(connector, bound, clients, policy, secrets, tokens, caPem, this::release);
        leases.add(lease);
        LOG.info("egress proxy listening on {} ({} allow rules, {} credentials)", lease.proxyUri(),
                policy.allowlist().size(), policy.credentials().size());
        return lease;
    }

    /**
     * Stops the lease's listener on a thread no interrupt reaches ({@link Uninterruptibly}): an interrupted
     * {@code stop()} gives up half-way, its selector closed under a running {@code select()} (Jetty's
     * {@code ClosedSelectorException}) and its socket possibly still listening. The caller's interrupt is kept.
     */
    private void release(Lease lease) {
        leases.remove(lease);
        try {
            Uninterruptibly.run(() -> stop(lease.connector()));
        } catch (RuntimeException e) {
            LOG.warn("egress proxy: stopping the listener {} failed: {}", lease.proxyUri(), e.toString());
        } finally {
            server.removeConnector(lease.connector());
        }
        // after the listener stopped (its connections closed, so no request of the lease is admitted any more): a
        // sweep before it could miss the pool of a request admitted a moment before, left open with the lease in it
        try {
            forward.release(lease);
        } catch (RuntimeException e) {
            LOG.warn("egress proxy: closing the upstream connections of {} failed: {}", lease.proxyUri(),
                    e.toString());
        }
        LOG.info("egress proxy closed {} after {} decisions", lease.proxyUri(), lease.events().size());
    }

    private static void stop(ServerConnector connector) {
        try {
            connector.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /** How many upstream pools (lease, name, address) are open: for tests. */
    int upstreamDestinations() {
        return forward.getHttpClient().getDestinations().size();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            leases.all().forEach(Lease::close);
            stopQuietly();
        }
    }

    /** Stops the server after its listeners, whatever interrupts the caller (see {@link #release}). */
    private void stopQuietly() {
        try {
            Uninterruptibly.run(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e.toString(), e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("egress proxy: stopping failed: {}", e.getMessage());
        }
        mitm.close();
    }
}
