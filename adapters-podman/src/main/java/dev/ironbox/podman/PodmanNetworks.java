package dev.ironbox.podman;

import dev.ironbox.core.port.out.HostGateway;
import dev.ironbox.core.model.egress.Cidr;
import dev.ironbox.core.concurrent.Uninterruptibly;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.NetworkPort;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NetworkPort} on Podman 4: {@code bridge} networks created with {@code "internal": true}.
 *
 * <p>Engine-specific, checked on Podman 4.3.1 with netavark, as root:
 * <ul>
 *   <li>An internal network created without a subnet gets none with a gateway: the bridge carries no address and the
 *       first container takes {@code .1}. So this adapter picks a free {@code /24} from {@link #POOL} (Podman's own
 *       default pool) and passes it with its first address as the gateway; Podman refuses a subnet that overlaps
 *       another network or a host route ("already used"), and the next one is tried.</li>
 *   <li>netavark creates the bridge only when a container joins and deletes it when the last leaves, so a
 *       {@link NetworkAnchor} holds it (and the gateway address) on the host from creation to removal.</li>
 *   <li>A container on the network has only the subnet's route, no default route, and netavark adds no firewall rule;
 *       that, with {@code CAP_NET_ADMIN} and {@code CAP_NET_RAW} dropped, is what keeps it from the outside. What
 *       keeps it from the host's own services is the host firewall ({@code HostFirewallPort}), matching the bridge
 *       by the name given here ({@code network_interface}).
 *       {@code dns_enabled} is false (no aardvark-dns), so {@code resolv.conf} is the host's, whose nameservers the
 *       sandbox cannot reach: lookups time out.</li>
 * </ul>
 */
final class PodmanNetworks implements NetworkPort {

    private static final Logger LOG = LoggerFactory.getLogger(PodmanNetworks.class);
    /** Where subnets are picked from: Podman's default pool for new networks. */
    static final Cidr POOL = Cidr.parse("10.89.0.0/16").orElseThrow();
    /** How long {@link #remove} waits for containers that are being removed to leave the network. */
    static final Duration IN_USE_PATIENCE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String SUBNET_TAKEN = "is already used on the host or by another config";

    private final LibpodClient client;
    private final NetworkAnchor anchor;

    PodmanNetworks(LibpodClient client) {
        this.client = client;
        this.anchor = new NetworkAnchor(client);
    }

    /**
     * Creates the network on a free subnet, starts its anchor and checks that the gateway is an address of this host.
     * Whatever was made is removed when a later step fails.
     */
    @Override
    public SandboxNetwork createInternal(String name, Map<String, String> labels) {
        return createInternal(name, "", labels);
    }

    /**
     * The bridge is named with libpod's {@code network_interface}; empty lets Podman choose ({@code podmanN}). The
     * requests complete whatever interrupts the caller ({@link Uninterruptibly}: an aborted request would leave a
     * network or pod Ironbox does not know of); an interrupted caller gets the network and its interrupt back, and
     * removes it.
     */
    @Override
    public SandboxNetwork createInternal(String name, String hostInterface, Map<String, String> labels) {
        return Uninterruptibly.call(() -> createNow(name, hostInterface, labels));
    }

    private SandboxNetwork createNow(String name, String hostInterface, Map<String, String> labels) {
        Libpod.Network network = create(name, hostInterface, labels);
        try {
            anchor.start(name);
            String gateway = network.subnets().get(0).gateway();
            InetAddress address = HostGateway.requireLocal(name, Objects.requireNonNullElse(gateway, ""));
            if (!hostInterface.isEmpty()) {
                HostGateway.requireInterface(name, address, hostInterface);
            }
            return new SandboxNetwork(network.id(), name, address, hostInterface);
        } catch (RuntimeException e) {
            // each undo step on its own: a failed pod removal must not keep the network
            undo("remove pod " + NetworkAnchor.podName(name), () -> anchor.remove(name), e);
            undo("remove network " + name, () -> deleteNetwork(name), e);
            throw e;
        }
    }

    /** One step of undoing a failed creation: a failure is logged and added to {@code failure}, never thrown. */
    static void undo(String step, Runnable action, RuntimeException failure) {
        try {
            Uninterruptibly.run(action);
        } catch (RuntimeException e) {
            LOG.warn("undoing a failed network creation: cannot {} (remove it with podman; it carries the label"
                    + " dev.ironbox.managed=true): {}", step, e.toString());
            failure.addSuppressed(e);
        }
    }

    @Override
    public boolean namesHostInterfaces() {
        return true;
    }

    private Libpod.Network create(String name, String hostInterface, Map<String, String> labels) {
        List<Cidr> used = usedSubnets();
        for (Cidr candidate : POOL.subnets(24)) {
            if (used.stream().anyMatch(candidate::overlaps)) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("driver", "bridge");
            body.put("internal", true);
            body.put("dns_enabled", false);
            if (!hostInterface.isEmpty()) {
                body.put("network_interface", hostInterface);
            }
            body.put("labels", labels);
            body.put("subnets", List.of(Map.of("subnet", candidate.text(), "gateway",
                    candidate.firstHost().getHostAddress())));
            Reply reply;
            try {
                reply = call(Method.POST, "/networks/create", body, false, "create network " + name);
            } catch (RuntimeException e) {
                undo("remove network " + name, () -> deleteNetwork(name), e); // it may exist even so
                throw e;
            }
            if (reply.ok()) {
                Libpod.Network created = reply.json(Libpod.Network.class);
                if (created.subnets() == null || created.subnets().isEmpty()) {
                    ContainerFailureException e = new ContainerFailureException("the engine created network " + name
                            + " without a subnet");
                    undo("remove network " + name, () -> deleteNetwork(name), e);
                    throw e;
                }
                return created;
            }
            LibpodException error = reply.error();
            if (!String.valueOf(error.getMessage()).contains(SUBNET_TAKEN)) {
                throw Errors.container("the engine refused to create network " + name, error);
            }
        }
        throw new ContainerFailureException("cannot create network " + name + ": no free /24 left in " + POOL.text());
    }

    private List<Cidr> usedSubnets() {
        Libpod.Network[] all = get("/networks/json", Libpod.Network[].class, "list networks");
        return Arrays.stream(all == null ? new Libpod.Network[0] : all)
                .flatMap(n -> n.subnets() == null ? Stream.empty() : n.subnets().stream())
                .flatMap(s -> Cidr.parse(s.subnet()).filter(Cidr::isIpv4).map(Cidr::masked).stream())
                .toList();
    }

    /**
     * Removes the network and its anchor. Gone already is fine. While a container other than the anchor is on it, the
     * network is left as it is: containers being removed get {@link #IN_USE_PATIENCE} to leave, then the refusal is
     * reported. Podman's own {@code force} would remove those containers, so it is never used.
     */
    @Override
    public void remove(String networkId) {
        long deadline = System.nanoTime() + IN_USE_PATIENCE.toNanos();
        while (true) {
            Optional<String> inUse = removeNow(networkId);
            if (inUse.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ContainerFailureException("cannot remove network " + networkId + ": it is still in use after "
                        + IN_USE_PATIENCE.toSeconds() + " s (" + inUse.get() + "); remove its containers first");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerFailureException("interrupted while waiting for network " + networkId, e);
            }
        }
    }

    /** One attempt: empty when removed or gone, what still uses it otherwise; anything else throws. */
    private Optional<String> removeNow(String networkId) {
        Reply found = call(Method.GET, "/networks/" + LibpodClient.path(networkId) + "/json", null, true,
                "inspect network " + networkId);
        if (found.status() == 404) {
            return Optional.empty();
        }
        String name = found.orThrow().json(Libpod.Network.class).name();
        List<String> users = users(name);
        if (!users.isEmpty()) {
            return Optional.of("containers " + users);
        }
        anchor.remove(name);
        return deleteNetwork(name) ? Optional.empty() : Optional.of("a container joined it");
    }

    /** Containers on the network other than its anchor. */
    private List<String> users(String network) {
        String filters = LibpodClient.query(json(Map.of("network", List.of(network))));
        Libpod.NetworkUser[] all = get("/containers/json?all=true&filters=" + filters, Libpod.NetworkUser[].class,
                "list the containers on network " + network);
        return Arrays.stream(all == null ? new Libpod.NetworkUser[0] : all)
                .filter(c -> !NetworkAnchor.podName(network).equals(c.podName()))
                .map(c -> c.names() == null || c.names().isEmpty() ? c.id() : c.names().get(0))
                .toList();
    }

    /** {@code DELETE networks/{name}} without force: true when gone, false when a container still uses it. */
    private boolean deleteNetwork(String name) {
        Reply reply = call(Method.DELETE, "/networks/" + LibpodClient.path(name), null, true, "remove network " + name);
        if (reply.ok() || reply.status() == 404) {
            return true;
        }
        LibpodException error = reply.error();
        if ("network is being used".equals(error.engineCause())) {
            return false;
        }
        throw Errors.container("cannot remove network " + name, error);
    }

    /** {@code GET networks/json?filters={"label":["key=value"]}}. */
    @Override
    public List<String> listByLabel(String key, String value) {
        return Arrays.stream(labelled(key, value)).map(Libpod.Network::id).toList();
    }

    /** The same listing, described. Removing one with {@link #remove} also removes its anchor pod. */
    @Override
    public List<NetworkSummary> describeByLabel(String key, String value) {
        return Arrays.stream(labelled(key, value))
                .map(n -> new NetworkSummary(n.id(), Objects.requireNonNullElse(n.name(), ""),
                        Objects.requireNonNullElse(n.labels(), Map.of())))
                .toList();
    }

    private Libpod.Network[] labelled(String key, String value) {
        Libpod.Network[] found = get("/networks/json?" + LibpodClient.labelFilter(key, value), Libpod.Network[].class,
                "list networks labelled " + key + "=" + value);
        return found == null ? new Libpod.Network[0] : found;
    }

    private Reply call(Method method, String path, Object body, boolean idempotent, String action) {
        try {
            return client.call(method, path, body, idempotent);
        } catch (LibpodException e) {
            throw Errors.container("cannot " + action, e);
        }
    }

    private <T> T get(String path, Class<T> type, String action) {
        try {
            return client.get(path, type);
        } catch (LibpodException e) {
            throw Errors.container("cannot " + action, e);
        }
    }

    private static String json(Object value) {
        try {
            return LibpodClient.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode a filter", e);
        }
    }
}
