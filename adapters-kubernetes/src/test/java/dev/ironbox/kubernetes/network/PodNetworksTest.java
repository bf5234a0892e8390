package dev.ironbox.kubernetes.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.NetworkSummary;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.owner.InstanceLease;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A networked run's way to its proxy: refused out of the cluster; in it, this pod labelled and one policy. */
@EnableKubernetesMockClient(crud = true)
class PodNetworksTest {

    private static final String NETWORK = "ironbox-net-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final Map<String, String> ENV = Map.of("POD_IP", "10.1.2.3", "HOSTNAME", "ironbox-0");
    private static final Map<String, String> LABELS = Map.of(OwnerLabels.MANAGED, "true",
            OwnerLabels.OWNER_STARTED, "2026-12-05T05:00:00.123Z", OwnerLabels.OWNER_PID, "42");

    KubernetesMockServer server;
    KubernetesClient client;
    private InstanceLease lease;

    private PodNetworks networks(boolean inCluster, Map<String, String> env) {
        Cluster cluster = new Cluster(client, "test", KubernetesSettings.DEFAULTS, inCluster);
        lease = new InstanceLease(cluster);
        return new PodNetworks(cluster, lease, env);
    }

    @AfterEach
    void closeLease() {
        if (lease != null) {
            lease.close();
        }
    }

    private void thisPod() {
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("ironbox-0")
                .withLabels(Map.of("app", "ironbox")).endMetadata().withNewSpec().addNewContainer().withName("ironbox")
                .withImage("ironbox").endContainer().endSpec().build()).create();
    }

    private NetworkPolicy policy() {
        return client.network().v1().networkPolicies().inNamespace("test").withName("ironbox-egress-" + NETWORK)
                .get();
    }

    @Test
    void itsIsolationSaysWhatEnforcesIt() {
        assertThat(networks(true, ENV).ownIsolation()).hasValueSatisfying(isolation -> {
            assertThat(isolation.enforced()).isTrue();
            assertThat(isolation.description()).contains("NetworkPolicy").contains("CNI");
        });
        assertThat(networks(true, ENV).namesHostInterfaces()).isFalse();
    }

    @Test
    void outOfTheClusterAnEgressRunIsRefusedInOneLineBeforeAnythingIsAsked() {
        PodNetworks networks = networks(false, ENV);
        int requests = server.getRequestCount();

        assertThatThrownBy(() -> networks.createInternal(NETWORK, LABELS))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("an egress run on Kubernetes needs Ironbox inside the cluster: its proxy must be reachable"
                        + " from the sandbox's pod; run Ironbox in a pod, or run without --allow-domain");
        assertThat(server.getRequestCount()).isEqualTo(requests);
    }

    @Test
    void inTheClusterTheGatewayIsThisPodWhichIsLabelledAsTheProxyOfThisInstance() {
        thisPod();
        PodNetworks networks = networks(true, ENV);

        SandboxNetwork network = networks.createInternal(NETWORK, LABELS);

        assertThat(network.id()).isEqualTo(NETWORK);
        assertThat(network.name()).isEqualTo(NETWORK);
        assertThat(network.gateway().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(client.pods().inNamespace("test").withName("ironbox-0").get().getMetadata().getLabels())
                .containsEntry("dev.ironbox.egress-proxy", lease.name()).containsEntry("app", "ironbox");
        assertThat(policy()).as("no policy before allowOnly").isNull();
    }

    @Test
    void allowOnlyLetsTheNetworksPodsReachThisPodOnThePortOnlyOwnedByTheLeaseAndClosingTakesItAway() {
        thisPod();
        PodNetworks networks = networks(true, ENV);
        SandboxNetwork network = networks.createInternal(NETWORK, LABELS);

        HostFirewallPort.Opening opening = networks.allowOnly(network, network.gateway(), 3128);

        NetworkPolicy policy = policy();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("dev.ironbox.network", NETWORK));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        NetworkPolicyEgressRule rule = policy.getSpec().getEgress().get(0);
        assertThat(policy.getSpec().getEgress()).hasSize(1);
        assertThat(rule.getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector().getMatchLabels())
                    .containsExactlyEntriesOf(Map.of("dev.ironbox.egress-proxy", lease.name()));
            assertThat(peer.getNamespaceSelector()).as("same namespace").isNull();
            assertThat(peer.getIpBlock()).isNull();
        });
        assertThat(rule.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getProtocol()).isEqualTo("TCP");
            assertThat(port.getPort().getIntVal()).isEqualTo(3128);
        });
        OwnerReference owner = policy.getMetadata().getOwnerReferences().get(0);
        assertThat(owner).isEqualTo(lease.reference());
        assertThat(policy.getMetadata().getLabels()).containsEntry("dev.ironbox.managed", "true")
                .containsEntry(OwnerLabels.OWNER_PID, "42").doesNotContainKey(OwnerLabels.OWNER_STARTED);
        assertThat(policy.getMetadata().getAnnotations()).containsAllEntriesOf(LABELS);

        opening.close();
        opening.close();

        assertThat(policy()).isNull();
    }

    @Test
    void networksAreListedWithTheirLabelsAsCreatedAndTheirLeaseStateAndRemovedByIdOnceOrAgain() {
        thisPod();
        PodNetworks networks = networks(true, ENV);
        SandboxNetwork network = networks.createInternal(NETWORK, LABELS);
        networks.allowOnly(network, network.gateway(), 3128);
        new DefaultDeny(new Cluster(client, "test", KubernetesSettings.DEFAULTS, true)).ensure();

        List<NetworkSummary> described = networks.describeByLabel(OwnerLabels.MANAGED, "true");

        assertThat(described).as("the default deny is no network").singleElement().satisfies(summary -> {
            assertThat(summary.id()).isEqualTo(NETWORK);
            assertThat(summary.labels()).containsAllEntriesOf(LABELS)
                    .containsEntry(OwnerLabels.OWNER_LEASE, OwnerLabels.LEASE_HELD);
        });
        assertThat(networks.listByLabel(OwnerLabels.OWNER_STARTED, "2026-12-05T05:00:00.123Z"))
                .containsExactly(NETWORK);
        assertThat(networks.listByLabel(OwnerLabels.OWNER_PID, "43")).isEmpty();

        networks.remove(NETWORK);
        networks.remove(NETWORK);

        assertThat(policy()).isNull();
        assertThat(networks.listByLabel(OwnerLabels.MANAGED, "true")).isEmpty();
    }

    @Test
    void aProxyInAnotherNamespaceIsSelectedThereByItsNamespaceName() {
        NetworkPolicy policy = EgressPolicies.policy(NETWORK, Map.of(), "ironbox-0123456789ab", 3128,
                Optional.of("ironbox-system"), new io.fabric8.kubernetes.api.model.OwnerReference());

        assertThat(policy.getSpec().getEgress().get(0).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsExactlyEntriesOf(Map.of("kubernetes.io/metadata.name", "ironbox-system"));
    }

    @Test
    void withoutThisPodsAddressOrNameTheRunFailsSayingWhatIsMissing() {
        PodNetworks networks = networks(true, Map.of());

        assertThatThrownBy(() -> networks.createInternal(NETWORK, LABELS))
                .isInstanceOf(ContainerFailureException.class).hasMessageContaining("HOSTNAME is unset");
    }
}
