package dev.ironbox.kubernetes.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The namespace's default deny: created once, fine when another instance made it, the same as deploy/'s. */
@EnableKubernetesMockClient(crud = true)
class DefaultDenyTest {

    static final Path SHIPPED = Path.of("..", "deploy", "kubernetes", "networkpolicy.yaml");

    KubernetesMockServer server;
    KubernetesClient client;

    private Cluster cluster() {
        return new Cluster(client, "test", KubernetesSettings.DEFAULTS, false);
    }

    private NetworkPolicy stored() {
        return client.network().v1().networkPolicies().inNamespace("test").withName(DefaultDeny.NAME).get();
    }

    @Test
    void ensureCreatesTheDefaultDenyForEveryIronboxPodInAndOutWithoutAnOwner() {
        new DefaultDeny(cluster()).ensure();

        NetworkPolicy policy = stored();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsExactlyEntriesOf(
                java.util.Map.of("dev.ironbox.managed", "true"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        assertThat(policy.getMetadata().getLabels()).containsEntry("dev.ironbox.managed", "true");
        assertThat(policy.getMetadata().getOwnerReferences()).as("it outlives instances").isNullOrEmpty();
    }

    @Test
    void aSecondEnsureAsksNothingAndAnotherInstancesPolicyIsFine() {
        DefaultDeny first = new DefaultDeny(cluster());
        first.ensure();
        int requests = server.getRequestCount();

        first.ensure();
        assertThat(server.getRequestCount()).as("once per instance").isEqualTo(requests);

        new DefaultDeny(cluster()).ensure(); // AlreadyExists from the API server, then a get to compare it
        assertThat(server.getRequestCount()).isEqualTo(requests + 2);
        assertThat(client.network().v1().networkPolicies().inNamespace("test").list().getItems()).hasSize(1);
    }

    @Test
    void aRefusalIsOneLineQuotingTheApiServerAndIsTriedAgainNextTime() {
        server.expect().post().withPath("/apis/networking.k8s.io/v1/namespaces/test/networkpolicies")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("networkpolicies is forbidden: User cannot create").build()).once();
        DefaultDeny deny = new DefaultDeny(cluster());

        assertThatThrownBy(deny::ensure).isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining(DefaultDeny.NAME).hasMessageContaining("networkpolicies is forbidden");

        deny.ensure();
        assertThat(stored()).isNotNull();
    }

    @Test
    void theShippedManifestIsWhatEnsureCreates() throws Exception {
        NetworkPolicy shipped = client.getKubernetesSerialization().unmarshal(Files.readString(SHIPPED),
                NetworkPolicy.class);

        assertThat(shipped).isEqualTo(DefaultDeny.policy());
    }

    private void existing(NetworkPolicy policy) {
        client.network().v1().networkPolicies().inNamespace("test").resource(policy).create();
    }

    @Test
    void anExistingPolicyOfThatNameThatAllowsEgressFailsClosedNamingWhatItAllowsEveryTime() {
        existing(new NetworkPolicyBuilder(DefaultDeny.policy()).editSpec().addNewEgress().endEgress().endSpec()
                .build());
        DefaultDeny deny = new DefaultDeny(cluster());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(deny::ensure).isInstanceOf(ContainerFailureException.class)
                    .hasMessage("NetworkPolicy ironbox-default-deny in namespace test exists but allows egress"
                            + " (1 rule(s)); delete it or apply deploy/kubernetes/networkpolicy.yaml");
        }
    }

    @Test
    void anExistingPolicyThatSelectsOtherPodsOrDeniesOnlyIngressIsNamedForEachDifference() {
        existing(new NetworkPolicyBuilder(DefaultDeny.policy()).editSpec().withNewPodSelector()
                .withMatchLabels(Map.of("app", "web")).endPodSelector().withPolicyTypes(List.of("Ingress"))
                .addNewIngress().endIngress().endSpec().build());

        assertThatThrownBy(new DefaultDeny(cluster())::ensure).isInstanceOf(ContainerFailureException.class)
                .hasMessage("NetworkPolicy ironbox-default-deny in namespace test exists but selects other pods than"
                        + " dev.ironbox.managed=true (podSelector app=web), does not deny egress (policyTypes"
                        + " [Ingress]), allows ingress (1 rule(s)); delete it or apply"
                        + " deploy/kubernetes/networkpolicy.yaml");
    }

    @Test
    void anExistingPolicyThatDeniesTheSameWithTypesInAnotherOrderIsTrusted() {
        existing(new NetworkPolicyBuilder(DefaultDeny.policy()).editMetadata().withLabels(Map.of()).endMetadata()
                .editSpec().withPolicyTypes(List.of("Egress", "Ingress")).endSpec().build());

        new DefaultDeny(cluster()).ensure();

        assertThat(stored().getSpec().getPolicyTypes()).containsExactly("Egress", "Ingress");
    }

    @Test
    void anExistingPolicyDenyingEveryPodOfTheNamespaceDeniesMoreAndIsTrusted() {
        existing(new NetworkPolicyBuilder(DefaultDeny.policy()).editSpec().withNewPodSelector().endPodSelector()
                .endSpec().build());

        new DefaultDeny(cluster()).ensure();

        assertThat(stored().getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    }
}
