package dev.ironbox.kubernetes.network;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The namespace's other NetworkPolicies that may open what the default deny closes ({@code ironbox doctor}).
 * NetworkPolicies add up: a pod selected by any policy that allows some traffic gets it, whatever another denies.
 */
public final class PolicyOverlaps {

    private static final String IRONBOX_LABEL_PREFIX = "dev.ironbox.";

    private PolicyOverlaps() {}

    /**
     * One line per policy that may select Ironbox's pods and has ingress or egress rules (and for an
     * {@value DefaultDeny#NAME} that denies less than Ironbox's); one line when the policies cannot be listed.
     */
    public static List<String> warnings(Cluster cluster) {
        List<NetworkPolicy> policies;
        try {
            policies = cluster.client().network().v1().networkPolicies().inNamespace(cluster.namespace()).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            return List.of("cannot list the NetworkPolicies of namespace " + cluster.namespace() + " to check that"
                    + " none opens Ironbox's pods: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            String name = policy.getMetadata().getName();
            if (DefaultDeny.NAME.equals(name)) {
                List<String> differences = DefaultDeny.differences(policy.getSpec());
                if (!differences.isEmpty()) {
                    warnings.add("NetworkPolicy " + name + " in namespace " + cluster.namespace() + " exists but "
                            + String.join(", ", differences) + ": no run starts until it is deleted or"
                            + " deploy/kubernetes/networkpolicy.yaml applied");
                }
                continue;
            }
            if (ironboxEgress(policy)) {
                continue;
            }
            NetworkPolicySpec spec = policy.getSpec();
            String allows = allows(spec);
            if (spec != null && !allows.isEmpty() && maySelectIronboxPods(spec.getPodSelector())) {
                warnings.add("NetworkPolicy " + name + " in namespace " + cluster.namespace() + " may select"
                        + " Ironbox's pods (podSelector " + DefaultDeny.describe(spec.getPodSelector()) + ") and"
                        + " allows " + allows + ": NetworkPolicies add up, so it opens what " + DefaultDeny.NAME
                        + " closes");
            }
        }
        return warnings;
    }

    /** Ironbox's own egress policy of a network (it opens only the way to the proxy, on purpose). */
    private static boolean ironboxEgress(NetworkPolicy policy) {
        Map<String, String> labels = policy.getMetadata().getLabels();
        return policy.getMetadata().getName().startsWith(PodNetworks.POLICY_PREFIX) && labels != null
                && "true".equals(labels.get(OwnerLabels.MANAGED));
    }

    private static String allows(NetworkPolicySpec spec) {
        if (spec == null) {
            return "";
        }
        boolean ingress = spec.getIngress() != null && !spec.getIngress().isEmpty();
        boolean egress = spec.getEgress() != null && !spec.getEgress().isEmpty();
        return ingress && egress ? "ingress and egress" : ingress ? "ingress" : egress ? "egress" : "";
    }

    /**
     * Whether the selector may select a pod labelled {@code dev.ironbox.managed=true}: every pod (empty), or labels
     * Ironbox's pods may carry ({@code dev.ironbox.*}: the managed mark, a session, a network). Expressions are not
     * evaluated: conservatively, they may.
     */
    static boolean maySelectIronboxPods(LabelSelector selector) {
        if (selector == null || selector.getMatchLabels() == null) {
            return true;
        }
        return selector.getMatchLabels().entrySet().stream().allMatch(entry -> entry.getKey().startsWith(
                IRONBOX_LABEL_PREFIX) && (!entry.getKey().equals(OwnerLabels.MANAGED) || "true".equals(
                        entry.getValue())));
    }
}
