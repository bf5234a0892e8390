package dev.ironbox.docker;

import dev.ironbox.core.port.out.HostGateway;
import dev.ironbox.core.model.egress.IpLiterals;
import dev.ironbox.core.concurrent.Uninterruptibly;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.NetworkPort;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NetworkPort} on Docker: {@code bridge} networks created with {@code Internal: true}, the subnet chosen by the
 * engine from its address pools.
 *
 * <p>Engine-specific: Docker gives the network's bridge ({@code br-<id prefix>}) the gateway address on the host as
 * soon as the network exists, before any container joins (the bridge stays DOWN until then, which does not stop a
 * host process binding to the address). Isolation is Docker's firewall: its {@code DOCKER-ISOLATION-STAGE-1} chain
 * drops whatever enters or leaves the bridge for another subnet, while traffic to the host's own addresses (the
 * gateway, and every other address of the host) is delivered locally. A container keeps a default route via the
 * gateway, and its {@code resolv.conf} names Docker's embedded DNS ({@code nameserver 127.0.0.11},
 * {@code options ndots:0}), which answers the names of containers on the network and, on an internal network,
 * nothing else. Docker's firewall does not stop a container from reaching the host's own services: the host
 * firewall does ({@code HostFirewallPort}), matching the bridge by the name given here.
 */
final class DockerNetworks implements NetworkPort {

    private static final Logger LOG = LoggerFactory.getLogger(DockerNetworks.class);
    /** How long {@link #remove} waits for containers that are being removed to leave the network. */
    static final Duration IN_USE_PATIENCE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The bridge driver's option that names the network's bridge on the host. */
    static final String BRIDGE_NAME = "com.docker.network.bridge.name";

    private final DockerClient client;

    DockerNetworks(DockerClient client) {
        this.client = client;
    }

    /**
     * Creates the network, then reads its gateway from the IPAM config of an inspect (the create answer has only the
     * id). A network whose gateway is missing or is not an address of this host (a remote engine, or one inside a VM
     * such as Docker Desktop's) is removed again and refused: no proxy on this host could listen on it.
     */
    @Override
    public SandboxNetwork createInternal(String name, Map<String, String> labels) {
        return create(name, "", labels);
    }

    /** The bridge is named with the bridge driver's {@code com.docker.network.bridge.name} option. */
    @Override
    public SandboxNetwork createInternal(String name, String hostInterface, Map<String, String> labels) {
        if (hostInterface.isEmpty()) {
            throw new IllegalArgumentException("an empty host interface name");
        }
        return create(name, hostInterface, labels);
    }

    @Override
    public boolean namesHostInterfaces() {
        return true;
    }

    /**
     * The requests complete whatever interrupts the caller ({@link Uninterruptibly}: an aborted create would leave a
     * network Ironbox does not know of); an interrupted caller gets the network and its interrupt back, and removes it.
     */
    private SandboxNetwork create(String name, String hostInterface, Map<String, String> labels) {
        return Uninterruptibly.call(() -> createNow(name, hostInterface, labels));
    }

    private SandboxNetwork createNow(String name, String hostInterface, Map<String, String> labels) {
        String id;
        try {
            var create = client.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withInternal(true)
                    .withLabels(labels)
                    .withCheckDuplicate(true);
            if (!hostInterface.isEmpty()) {
                create.withOptions(Map.of(BRIDGE_NAME, hostInterface));
            }
            id = create.exec().getId();
        } catch (RuntimeException e) {
            RuntimeException failure = DockerErrors.container("the engine refused to create network " + name, e);
            if (!DockerErrors.isConflict(e)) { // a request that failed on the way may have created it all the same
                undo("remove network " + name, () -> removeNow(name), failure);
            }
            throw failure;
        }
        try {
            InetAddress gateway = HostGateway.requireLocal(name, gateway(id, name));
            if (!hostInterface.isEmpty()) {
                HostGateway.requireInterface(name, gateway, hostInterface);
            }
            return new SandboxNetwork(id, name, gateway, hostInterface);
        } catch (RuntimeException e) {
            undo("remove network " + name, () -> removeNow(id), e);
            throw e;
        }
    }

    /** One step of undoing a failed creation: a failure is logged and added to {@code failure}, never thrown. */
    private static void undo(String step, Runnable action, RuntimeException failure) {
        try {
            Uninterruptibly.run(action);
        } catch (RuntimeException e) {
            LOG.warn("undoing a failed network creation: cannot {} (remove it with docker network rm; it carries the"
                    + " label dev.ironbox.managed=true): {}", step, e.toString());
            failure.addSuppressed(e);
        }
    }

    private String gateway(String id, String name) {
        Network network;
        try {
            network = client.inspectNetworkCmd().withNetworkId(id).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot inspect network " + name, e);
        }
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        return configs.stream()
                .map(Network.Ipam.Config::getGateway)
                .filter(g -> IpLiterals.parseIpv4(g).isPresent())
                .findFirst()
                .orElseThrow(() -> new ContainerFailureException("the engine created network " + name
                        + " without an IPv4 gateway (IPAM config " + configs + ")"));
    }

    /**
     * Removes the network. Gone already (404) is fine. Docker refuses (403 "has active endpoints") while a container
     * is attached: containers being removed get {@link #IN_USE_PATIENCE} to leave, then the refusal is reported.
     */
    @Override
    public void remove(String networkId) {
        long deadline = System.nanoTime() + IN_USE_PATIENCE.toNanos();
        while (true) {
            Optional<RuntimeException> inUse = removeNow(networkId);
            if (inUse.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw DockerErrors.container("network " + networkId + " is still in use after "
                        + IN_USE_PATIENCE.toSeconds() + " s; remove its containers first", inUse.get());
            }
            sleep();
        }
    }

    /** One attempt: empty when removed or gone, the refusal when the network is in use; anything else throws. */
    private Optional<RuntimeException> removeNow(String networkId) {
        try {
            client.removeNetworkCmd(networkId).exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            if (DockerErrors.isNotFound(e)) {
                return Optional.empty();
            }
            if (isInUse(e)) {
                return Optional.of(e);
            }
            throw DockerErrors.container("cannot remove network " + networkId, e);
        }
    }

    static boolean isInUse(Throwable e) {
        return e instanceof DockerException d && (d.getHttpStatus() == 403 || d.getHttpStatus() == 409)
                && DockerErrors.engineMessage(e).toLowerCase(Locale.ROOT).contains("active endpoints");
    }

    @Override
    public List<String> listByLabel(String key, String value) {
        try {
            return client.listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec().stream()
                    .map(Network::getId)
                    .toList();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot list networks labelled " + key + "=" + value, e);
        }
    }

    @Override
    public List<NetworkSummary> describeByLabel(String key, String value) {
        try {
            return client.listNetworksCmd().withFilter("label", List.of(key + "=" + value)).exec().stream()
                    .map(n -> new NetworkSummary(n.getId(), n.getName(),
                            n.getLabels() == null ? Map.of() : n.getLabels()))
                    .toList();
        } catch (RuntimeException e) {
            throw DockerErrors.container("cannot list networks labelled " + key + "=" + value, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerFailureException("interrupted while waiting for a network to be free", e);
        }
    }
}
