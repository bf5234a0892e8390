package dev.ironbox.kubernetes.network;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.owner.InstanceLease;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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
     * that exists, made by another instance or an operator, is fine when it denies the same). One of that name that
     * denies less (another selector, a missing policy type, any rule) fails closed: no run starts.
     *
     * @throws ContainerFailureException quoting the API server when it cannot be created or read, or naming what
     *     an existing one of that name allows
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
                checkExisting();
            }
            ensured = true;
        }
    }

    /** A policy of that name that exists is trusted only when it denies what {@link #policy()} denies. */
    private void checkExisting() {
        NetworkPolicy existing;
        try {
            existing = cluster.client().network().v1().networkPolicies().inNamespace(cluster.namespace())
                    .withName(NAME).get();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot read the existing NetworkPolicy " + NAME + " ("
                    + cluster.describe() + "): " + e.getMessage(), e);
        }
        List<String> differences = existing == null ? List.of("was deleted while Ironbox checked it")
                : differences(existing.getSpec());
        if (!differences.isEmpty()) {
            throw new ContainerFailureException("NetworkPolicy " + NAME + " in namespace " + cluster.namespace()
                    + " exists but " + String.join(", ", differences)
                    + "; delete it or apply deploy/kubernetes/networkpolicy.yaml");
        }
    }

    /** What {@code spec} allows that the default deny does not, in words; empty when it denies the same. */
    static List<String> differences(NetworkPolicySpec spec) {
        if (spec == null) {
            return List.of("has no spec");
        }
        NetworkPolicySpec wanted = policy().getSpec();
        List<String> differences = new ArrayList<>();
        LabelSelector selector = spec.getPodSelector();
        // Ironbox's selector, or {} (every pod of the namespace: it denies more, which is fine)
        boolean noExpressions = selector != null
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        boolean sameSelector = noExpressions && (selector.getMatchLabels() == null
                || selector.getMatchLabels().isEmpty()
                || Objects.equals(selector.getMatchLabels(), wanted.getPodSelector().getMatchLabels()));
        if (!sameSelector) {
            differences.add("selects other pods than " + OwnerLabels.MANAGED + "=true (podSelector "
                    + describe(selector) + ")");
        }
        Set<String> types = spec.getPolicyTypes() == null ? Set.of() : Set.copyOf(spec.getPolicyTypes());
        for (String type : wanted.getPolicyTypes()) {
            if (!types.contains(type)) {
                differences.add("does not deny " + type.toLowerCase(Locale.ROOT) + " (policyTypes " + types + ")");
            }
        }
        if (spec.getIngress() != null && !spec.getIngress().isEmpty()) {
            differences.add("allows ingress (" + spec.getIngress().size() + " rule(s))");
        }
        if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
            differences.add("allows egress (" + spec.getEgress().size() + " rule(s))");
        }
        return differences;
    }

    /** {@code a=b,c=d}, {@code {}} (every pod), with how many matchExpressions: short enough for one line. */
    static String describe(LabelSelector selector) {
        if (selector == null) {
            return "{}";
        }
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        String text = labels.isEmpty() ? "{}" : labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
        int expressions = selector.getMatchExpressions() == null ? 0 : selector.getMatchExpressions().size();
        return expressions == 0 ? text : text + " and " + expressions + " matchExpression(s)";
    }
}
