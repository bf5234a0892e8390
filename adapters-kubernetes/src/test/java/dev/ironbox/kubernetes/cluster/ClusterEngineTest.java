package dev.ironbox.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.kubernetes.access.AccessReviews;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What doctor says of a cluster: its version and limits, and the notes only a cluster needs. */
@EnableKubernetesMockClient(crud = true)
class ClusterEngineTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void version() {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("31").withGitVersion("v1.31.2")
                .build());
    }

    private ClusterEngine engine() {
        return new ClusterEngine(new Cluster(client, "sandboxes", KubernetesSettings.DEFAULTS, false));
    }

    private void node(String name, String cpu, String memory) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endStatus()
                .build()).create();
    }

    private static List<String> texts(List<EngineNote> notes, EngineNote.Kind kind) {
        return notes.stream().filter(note -> note.kind() == kind).map(EngineNote::text).toList();
    }

    @Test
    void theProbeSaysTheServersVersionWhereItIsAndTheLargestNodesCapacity() {
        node("small", "2", "4Gi");
        node("large", "3500m", "8Gi");

        EngineInfo info = engine().probe();

        assertThat(info.runtimeId()).isEqualTo("kubernetes");
        assertThat(info.version()).isEqualTo("v1.31.2");
        assertThat(info.apiVersion()).isEqualTo("1.31");
        assertThat(info.endpoint()).isEqualTo(client.getConfiguration().getMasterUrl());
        assertThat(info.socket()).isEmpty();
        assertThat(info.rootless()).isFalse();
        assertThat(info.cgroupVersion()).isEqualTo("unknown");
        assertThat(info.enforceableLimits()).containsExactlyInAnyOrder(LimitKind.MEMORY, LimitKind.CPU,
                LimitKind.PIDS);
        assertThat(info.capacity().cpus()).hasValue(3);
        assertThat(info.capacity().memoryBytes()).hasValue(8L << 30);
    }

    @Test
    void withoutPermissionToListNodesTheCapacityIsUnknownAndTheProbeStillAnswers() {
        server.expect().get().withPath("/api/v1/nodes").andReturn(403, new StatusBuilder().withCode(403)
                .withMessage("nodes is forbidden").build()).always();

        EngineInfo info = engine().probe();

        assertThat(info.capacity().cpus()).isEmpty();
        assertThat(info.capacity().memoryBytes()).isEmpty();
        assertThat(info.version()).isEqualTo("v1.31.2");
    }

    @Test
    void anUnreachableServerIsNamedInOneLineByTheProbeAndTheNotes() {
        KubernetesClient nowhere = new KubernetesClientBuilder().withHttpClientFactory(new OkHttpClientFactory())
                .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0)
                        .build()).build();
        ClusterEngine engine = new ClusterEngine(new Cluster(nowhere, "default", KubernetesSettings.DEFAULTS, false));
        try {
            assertThatThrownBy(engine::probe).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("http://127.0.0.1:1");
            assertThat(engine.notes()).singleElement().satisfies(note -> {
                assertThat(note.kind()).isEqualTo(EngineNote.Kind.PROBLEM);
                assertThat(note.text()).contains("127.0.0.1:1");
            });
        } finally {
            nowhere.close();
        }
    }

    @Test
    void theNotesSayWhereNameEachMissingPermissionAndWarnAboutPoliciesAndPids() {
        AccessReviews.answer(server, AccessReviews.is("create", "pods/exec").or(AccessReviews.is("delete", "leases")));

        List<EngineNote> notes = engine().notes();

        assertThat(texts(notes, EngineNote.Kind.INFO)).contains("API server " + client.getConfiguration()
                .getMasterUrl() + " (Kubernetes v1.31.2), namespace sandboxes")
                .contains("agent-sandbox CRDs are not installed (sandboxes.agents.x-k8s.io)");
        assertThat(texts(notes, EngineNote.Kind.PROBLEM)).containsExactly(
                "missing permission: create pods/exec in namespace sandboxes (deploy/kubernetes/role.yaml grants"
                        + " what Ironbox needs)",
                "missing permission: delete leases in namespace sandboxes (deploy/kubernetes/role.yaml grants what"
                        + " Ironbox needs)");
        assertThat(texts(notes, EngineNote.Kind.WARNING)).containsExactly(ClusterEngine.CNI_WARNING,
                "pids: bounded by the kubelet's podPidsLimit, not per run");
        assertThat(ClusterEngine.CNI_WARNING).startsWith("NetworkPolicy is enforced only by a CNI that supports it"
                + " (Calico, Cilium, ...)");
    }

    @Test
    void agentSandboxCrdsAreSaidPresentOrNotVisibleWhenReadingThemIsForbidden() {
        AccessReviews.answer(server, attributes -> false);
        server.expect().get().withPath("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"
                + "sandboxes.agents.x-k8s.io").andReturn(403, new StatusBuilder().withCode(403).build()).once();

        assertThat(texts(engine().notes(), EngineNote.Kind.INFO)).anyMatch(text -> text.contains("not visible"));

        client.apiextensions().v1().customResourceDefinitions().resource(
                new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                        .withNewMetadata().withName("sandboxes.agents.x-k8s.io").endMetadata()
                        .withNewSpec().withGroup("agents.x-k8s.io").withScope("Namespaced")
                        .withNewNames().withPlural("sandboxes").withSingular("sandbox").withKind("Sandbox").endNames()
                        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion()
                        .endSpec().build()).create();
        assertThat(texts(engine().notes(), EngineNote.Kind.INFO))
                .contains("agent-sandbox CRDs are installed (sandboxes.agents.x-k8s.io)");
        assertThat(texts(engine().notes(), EngineNote.Kind.PROBLEM)).isEmpty();
    }

    private void policy(String name, Map<String, String> selector, boolean ingress, boolean egress,
            Map<String, String> labels) {
        NetworkPolicyBuilder policy = new NetworkPolicyBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector()
                .withPolicyTypes(List.of("Ingress", "Egress")).endSpec();
        if (ingress) {
            policy.editSpec().addNewIngress().endIngress().endSpec();
        }
        if (egress) {
            policy.editSpec().addNewEgress().addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").endIpBlock().endTo()
                    .endEgress().endSpec();
        }
        client.network().v1().networkPolicies().inNamespace("sandboxes").resource(policy.build()).create();
    }

    @Test
    void eachOtherPolicyThatMaySelectIronboxPodsAndAllowsTrafficIsWarnedAbout() {
        AccessReviews.answer(server, attributes -> false);
        client.network().v1().networkPolicies().inNamespace("sandboxes").resource(
                dev.ironbox.kubernetes.network.DefaultDeny.policy()).create();
        policy("allow-all-egress", Map.of(), false, true, Map.of());
        policy("allow-managed-in", Map.of("dev.ironbox.managed", "true"), true, false, Map.of());
        policy("web-only", Map.of("app", "web"), true, true, Map.of());
        policy("deny-all-else", Map.of(), false, false, Map.of());
        policy("ironbox-egress-net1", Map.of("dev.ironbox.network", "net1"), false, true,
                Map.of("dev.ironbox.managed", "true"));

        List<String> warnings = texts(engine().notes(), EngineNote.Kind.WARNING);

        assertThat(warnings).containsExactly(ClusterEngine.CNI_WARNING,
                "NetworkPolicy allow-all-egress in namespace sandboxes may select Ironbox's pods (podSelector {}) and"
                        + " allows egress: NetworkPolicies add up, so it opens what ironbox-default-deny closes",
                "NetworkPolicy allow-managed-in in namespace sandboxes may select Ironbox's pods (podSelector"
                        + " dev.ironbox.managed=true) and allows ingress: NetworkPolicies add up, so it opens what"
                        + " ironbox-default-deny closes",
                ClusterEngine.PIDS_WARNING);
    }

    @Test
    void aPolicySelectingByExpressionsIsWarnedAboutConservativelyAndAWeakenedDefaultDenyToo() {
        AccessReviews.answer(server, attributes -> false);
        client.network().v1().networkPolicies().inNamespace("sandboxes").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("by-expression").endMetadata().withNewSpec().withNewPodSelector()
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("db").endMatchExpression()
                .endPodSelector().addNewIngress().endIngress().endSpec().build()).create();
        client.network().v1().networkPolicies().inNamespace("sandboxes").resource(new NetworkPolicyBuilder(
                dev.ironbox.kubernetes.network.DefaultDeny.policy()).editSpec().addNewEgress().endEgress().endSpec()
                .build()).create();

        List<String> warnings = texts(engine().notes(), EngineNote.Kind.WARNING);

        assertThat(warnings).anyMatch(text -> text.startsWith("NetworkPolicy by-expression in namespace sandboxes"
                + " may select Ironbox's pods (podSelector {} and 1 matchExpression(s)) and allows ingress"));
        assertThat(warnings).anyMatch(text -> text.startsWith("NetworkPolicy ironbox-default-deny in namespace"
                + " sandboxes exists but allows egress (1 rule(s))"));
    }
}
