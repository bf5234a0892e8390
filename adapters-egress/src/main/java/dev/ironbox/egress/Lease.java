package dev.ironbox.egress;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.core.port.out.EgressProxyPort.EgressLease;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
    /** Each mapping with a resolved secret to the tokens that stand for it, bound to its host ({@link SecretTokens}). */
    private final Map<CredentialMapping, Tokens> secrets;
    private final SecretTokens tokens;
    private final String caPem;
    private final AuditLog audit;
    private final Consumer<Lease> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ClientRange clients;

    Lease(ServerConnector connector, InetSocketAddress address, ClientRange clients, EgressPolicy policy,
            Map<String, String> secrets, SecretTokens tokens, String caPem, Consumer<Lease> onClose) {
        this.clients = clients;
        this.connector = connector;
        this.address = address;
        this.policy = policy;
        this.tokens = tokens;
        Map<CredentialMapping, Tokens> byMapping = new HashMap<>();
        for (CredentialMapping mapping : policy.credentials()) {
            String secret = secrets.get(mapping.secretName());
            if (secret != null && !secret.isEmpty()) {
                byMapping.put(mapping, new Tokens(tokens.forHeader(secret, mapping.host()),
                        tokens.forQuery(URLEncoder.encode(secret, StandardCharsets.UTF_8), mapping.host())));
            }
        }
        this.secrets = Map.copyOf(byMapping);
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
        return policy.credentialFor(host).flatMap(mapping -> Optional.ofNullable(secrets.get(mapping))
                .map(token -> new CredentialInjector(mapping, token.header(), token.query())));
    }

    /** The tokens of one secret: as a header value, and percent-encoded for a query. */
    private record Tokens(String header, String query) {}

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
            secrets.values().forEach(token -> {
                tokens.forget(token.header());
                tokens.forget(token.query());
            });
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
