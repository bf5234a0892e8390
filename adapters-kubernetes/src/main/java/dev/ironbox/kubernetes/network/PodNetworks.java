package dev.ironbox.kubernetes.network;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.NetworkIsolation;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.NetworkPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.owner.InstanceLease;
import dev.ironbox.kubernetes.owner.LeaseStates;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A networked run's way to its egress proxy on Kubernetes: the "network" is a label ({@code dev.ironbox.network=N},
 * set by the pod creator), and a NetworkPolicy {@code ironbox-egress-N}, owned by this instance's Lease, lets pods
 * with that label reach this pod (labelled {@code dev.ironbox.egress-proxy=<lease>}) on the proxy's port and nothing
 * else; {@link DefaultDeny} denies the rest. The proxy runs in this process, so this process must run in a pod of the
 * cluster. Thread-safe.
 */
public final class PodNetworks implements NetworkPort {

    public static final String NETWORK_LABEL = "dev.ironbox.network";
    public static final String PROXY_LABEL = "dev.ironbox.egress-proxy";
    static final String POLICY_PREFIX = "ironbox-egress-";
    static final String ISOLATION = "NetworkPolicy (enforced only by a CNI that supports it)";
    static final String OUT_OF_CLUSTER = "an egress run on Kubernetes needs Ironbox inside the cluster: its proxy must"
            + " be reachable from the sandbox's pod; run Ironbox in a pod, or run without --allow-domain";

    private static final Logger LOG = LoggerFactory.getLogger(PodNetworks.class);

    private final Cluster cluster;
    private final InstanceLease lease;
    private final Map<String, String> environment;
    /** The labels each network was created with, for its policy (made later, by allowOnly). */
    private final Map<String, Map<String, String>> labelsByNetwork = new ConcurrentHashMap<>();
    private volatile boolean proxyLabelled;

    public PodNetworks(Cluster cluster, InstanceLease lease) {
        this(cluster, lease, System.getenv());
    }

    PodNetworks(Cluster cluster, InstanceLease lease, Map<String, String> environment) {
        this.cluster = cluster;
        this.lease = lease;
        this.environment = environment;
    }

    @Override
    public Optional<NetworkIsolation> ownIsolation() {
        return Optional.of(NetworkIsolation.enforced(ISOLATION));
    }

    /**
     * @throws ContainerFailureException out of the cluster (the sandbox's pod could not reach the proxy here), or when
     *     this pod cannot be found or labelled as the proxy
     */
    @Override
    public SandboxNetwork createInternal(String name, Map<String, String> labels) {
        if (!cluster.inCluster()) {
            throw new ContainerFailureException(OUT_OF_CLUSTER);
        }
        InetAddress gateway = gateway();
        labelThisPod();
        labelsByNetwork.put(name, Map.copyOf(labels));
        return new SandboxNetwork(name, name, gateway);
    }

    /** This pod's address: {@code POD_IP} from the downward API, else the address of its hostname. */
    private InetAddress gateway() {
        String podIp = environment.get("POD_IP");
        try {
            return podIp != null && !podIp.isBlank() ? InetAddress.getByName(podIp.trim())
                    : InetAddress.getByName(podName());
        } catch (UnknownHostException e) {
            throw new ContainerFailureException("cannot find this pod's address for the egress proxy (set POD_IP"
                    + " from the downward API's status.podIP): " + e.getMessage(), e);
        }
    }

    private String podName() {
        String host = environment.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            throw new ContainerFailureException("cannot tell this pod's name for the egress proxy: HOSTNAME is unset");
        }
        return host.trim();
    }

    /** The namespace this pod runs in: {@code POD_NAMESPACE} (downward API), else the sandboxes' namespace. */
    private String ownNamespace() {
        String namespace = environment.get("POD_NAMESPACE");
        return namespace == null || namespace.isBlank() ? cluster.namespace() : namespace.trim();
    }

    /** Labels this pod as the proxy of this instance's sandboxes, once (a merge patch: only the label changes). */
    private void labelThisPod() {
        if (proxyLabelled) {
            return;
        }
        String pod = podName();
        String patch = "{\"metadata\":{\"labels\":{\"" + PROXY_LABEL + "\":\"" + lease.name() + "\"}}}";
        try {
            cluster.client().pods().inNamespace(ownNamespace()).withName(pod)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot label this pod " + ownNamespace() + "/" + pod + " as the"
                    + " sandboxes' egress proxy (" + PROXY_LABEL + "): " + e.getMessage(), e);
        }
        proxyLabelled = true;
    }

    /**
     * Creates NetworkPolicy {@code ironbox-egress-<network>}: pods on {@code network} may reach this pod on TCP
     * {@code port} and nothing else (the address is this pod's: the policy selects it by its label, which survives a
     * change of IP).
     */
    @Override
    public HostFirewallPort.Opening allowOnly(SandboxNetwork network, InetAddress address, int port) {
        Map<String, String> labels = labelsByNetwork.getOrDefault(network.name(), Map.of());
        NetworkPolicy policy = EgressPolicies.policy(network.name(), labels, lease.name(), port,
                ownNamespace().equals(cluster.namespace()) ? Optional.empty() : Optional.of(ownNamespace()),
                lease.reference());
        try {
            cluster.client().network().v1().networkPolicies().inNamespace(cluster.namespace()).resource(policy)
                    .create();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot create the NetworkPolicy " + policy.getMetadata().getName()
                    + " that lets the run reach its egress proxy (" + cluster.describe() + "): " + e.getMessage(), e);
        }
        LOG.debug("NetworkPolicy {}: pods on {} may reach {}:{} only", policy.getMetadata().getName(), network.name(),
                address.getHostAddress(), port);
        return () -> {
            try {
                remove(network.id());
            } catch (RuntimeException e) {
                LOG.warn("deleting NetworkPolicy {}{} failed; its Lease's end removes it: {}", POLICY_PREFIX,
                        network.id(), e.getMessage());
            }
        };
    }

    /** Deletes the network's policy, if any is left (a gone one is fine). */
    @Override
    public void remove(String networkId) {
        labelsByNetwork.remove(networkId);
        try {
            cluster.client().network().v1().networkPolicies().inNamespace(cluster.namespace())
                    .withName(POLICY_PREFIX + networkId).delete();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot delete NetworkPolicy " + POLICY_PREFIX + networkId + " ("
                    + cluster.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listByLabel(String key, String value) {
        return describeByLabel(key, value).stream().map(NetworkSummary::id).toList();
    }

    /**
     * The networks (egress policies) whose labels, as created, carry {@code key=value}; each with its owner's Lease
     * state ({@code dev.ironbox.owner-lease}).
     */
    @Override
    public List<NetworkSummary> describeByLabel(String key, String value) {
        try {
            List<NetworkPolicy> policies = cluster.client().network().v1().networkPolicies()
                    .inNamespace(cluster.namespace()).withLabel(NETWORK_LABEL).list().getItems();
            if (policies.isEmpty()) {
                return List.of();
            }
            LeaseStates leases = LeaseStates.of(cluster);
            return policies.stream()
                    .map(policy -> {
                        Map<String, String> labels = new HashMap<>(EgressPolicies.labels(policy));
                        String network = policy.getMetadata().getLabels().get(NETWORK_LABEL);
                        return new NetworkSummary(network, network,
                                leases.label(labels, policy.getMetadata().getOwnerReferences()));
                    })
                    .filter(summary -> value.equals(summary.labels().get(key)))
                    .toList();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot list Ironbox's NetworkPolicies (" + cluster.describe() + "): "
                    + e.getMessage(), e);
        }
    }
}
