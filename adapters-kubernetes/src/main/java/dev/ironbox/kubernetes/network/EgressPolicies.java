package dev.ironbox.kubernetes.network;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.pod.PodLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shape of an egress policy ({@link PodNetworks}), and the labels it carries back. */
final class EgressPolicies {

    /** The label Kubernetes sets on every namespace (1.21+): selects the proxy pod's namespace by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private EgressPolicies() {}

    /**
     * Policy {@code ironbox-egress-<network>}: pods labelled {@code dev.ironbox.network=<network>} may send to pods
     * labelled {@code dev.ironbox.egress-proxy=<lease>} (in {@code proxyNamespace} when it is another one) on TCP
     * {@code port}. Every label of the network goes verbatim to an annotation, the valid ones to labels too.
     */
    static NetworkPolicy policy(String network, Map<String, String> networkLabels, String leaseName, int port,
            Optional<String> proxyNamespace, OwnerReference owner) {
        Map<String, String> labels = new HashMap<>(PodLabels.validOnly(networkLabels));
        labels.put(OwnerLabels.MANAGED, "true");
        labels.put(PodNetworks.NETWORK_LABEL, network);
        NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(PodNetworks.PROXY_LABEL, leaseName))
                        .build());
        proxyNamespace.ifPresent(namespace -> peer.withNamespaceSelector(new LabelSelectorBuilder()
                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, namespace)).build()));
        NetworkPolicyPeer to = peer.build();
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(PodNetworks.POLICY_PREFIX + network).withLabels(labels)
                .withAnnotations(Map.copyOf(networkLabels)).withOwnerReferences(owner).endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Map.of(PodNetworks.NETWORK_LABEL, network)).endPodSelector()
                .withPolicyTypes(List.of("Egress"))
                .addNewEgress().withTo(to).addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort()
                .endEgress()
                .endSpec()
                .build();
    }

    /** The network's labels as created (the annotations), and Ironbox's own labels. */
    static Map<String, String> labels(NetworkPolicy policy) {
        Map<String, String> labels = new HashMap<>();
        if (policy.getMetadata().getLabels() != null) {
            labels.putAll(policy.getMetadata().getLabels());
        }
        if (policy.getMetadata().getAnnotations() != null) {
            labels.putAll(policy.getMetadata().getAnnotations());
        }
        return labels;
    }
}
