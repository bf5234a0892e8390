package dev.ironbox.egress;

import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;

/** One run's listener: its connector, policy, resolved secrets and audit. Thread-safe. */
final class Lease implements EgressLease {

    private final ServerConnector connector;
    private final InetSocketAddress address;
    private final EgressPolicy policy;
    private final Map<String, String> secrets;
    private final String caPem;
    private final AuditLog audit;
    private final Consumer<Lease> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ClientRange clients;

    Lease(ServerConnector connector, InetSocketAddress address, ClientRange clients, EgressPolicy policy,
            Map<String, String> secrets, String caPem, Consumer<Lease> onClose) {
        this.clients = clients;
        this.connector = connector;
        this.address = address;
        this.policy = policy;
        this.secrets = Map.copyOf(secrets);
        this.caPem = caPem;
        this.onClose = onClose;
        this.audit = new AuditLog(hostPort(address));
    }

    /** Whether {@code client} is on this lease's own network (only its sandboxes may use it). */
    boolean serves(java.net.InetAddress client) {
        return clients.contains(client);
    }

    ServerConnector connector() {
        return connector;
    }

    InetSocketAddress address() {
        return address;
    }

    EgressPolicy policy() {
        return policy;
    }

    AuditLog audit() {
        return audit;
    }

    /** The credential for requests to {@code host}, when it is mapped and its secret was resolved. */
    Optional<CredentialInjector> credentialFor(String host) {
        return policy.credentialFor(host).flatMap(mapping -> Optional.ofNullable(secrets.get(mapping.secretName()))
                .filter(secret -> !secret.isEmpty())
                .map(secret -> new CredentialInjector(mapping, secret)));
    }

    @Override
    public URI proxyUri() {
        return URI.create("http://" + hostPort(address));
    }

    @Override
    public Optional<String> caCertificatePem() {
        return Optional.ofNullable(caPem);
    }

    @Override
    public List<NetworkEvent> events() {
        return audit.events();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return "Lease[" + proxyUri() + "]";
    }
}
