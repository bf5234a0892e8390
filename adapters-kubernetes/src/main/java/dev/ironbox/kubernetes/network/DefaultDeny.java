package dev.ironbox.kubernetes.network;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.owner.InstanceLease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * The namespace's NetworkPolicy that denies every Ironbox pod all traffic in and out, unless an egress policy of its
 * network opens the way to its proxy ({@link PodNetworks}). Not owned by a Lease: it outlives instances, and
 * {@code deploy/kubernetes/networkpolicy.yaml} ships the same. Thread-safe.
 */
public final class DefaultDeny {

    public static final String NAME = "ironbox-default-deny";
    /** Marks the default deny apart from the egress policies, which stand for networks. */
    static final String DEFAULT_DENY_LABEL = "dev.ironbox.default-deny";

    private final Cluster cluster;
    private volatile boolean ensured;

    public DefaultDeny(Cluster cluster) {
        this.cluster = cluster;
    }

    /** As {@link #DefaultDeny(Cluster)}: the policy is not the Lease's (it outlives every instance). */
    public DefaultDeny(Cluster cluster, InstanceLease lease) {
        this(cluster);
    }

    /** The policy, without a namespace (as shipped in {@code deploy/kubernetes/networkpolicy.yaml}). */
    public static NetworkPolicy policy() {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(NAME)
                .withLabels(Map.of(OwnerLabels.MANAGED, "true", DEFAULT_DENY_LABEL, "true")).endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Map.of(OwnerLabels.MANAGED, "true")).endPodSelector()
                .withPolicyTypes(List.of("Ingress", "Egress"))
                .endSpec()
                .build();
    }

    /**
     * Makes sure the namespace's default-deny policy for Ironbox's pods exists (once per instance; idempotent: one
     * that exists, made by another instance or an operator, is fine).
     *
     * @throws ContainerFailureException quoting the API server when it cannot be created
     */
    public void ensure() {
        if (ensured) {
            return;
        }
        synchronized (this) {
            if (ensured) {
                return;
            }
            try {
                cluster.client().network().v1().networkPolicies().inNamespace(cluster.namespace())
                        .resource(policy()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw new ContainerFailureException("cannot create the NetworkPolicy " + NAME + " that keeps"
                            + " Ironbox's pods from the network (" + cluster.describe() + "): " + e.getMessage(), e);
                }
            }
            ensured = true;
        }
    }
}
