package dev.ironbox.kubernetes.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.egress.SandboxNetwork;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.ClusterEngine;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.network.DefaultDeny;
import dev.ironbox.kubernetes.network.PodNetworks;
import dev.ironbox.kubernetes.network.PodNetworksAccess;
import dev.ironbox.kubernetes.owner.ExpiredLeases;
import dev.ironbox.kubernetes.owner.InstanceLease;
import dev.ironbox.kubernetes.owner.LeaseStates;
import dev.ironbox.kubernetes.owner.Renewals;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A full scenario of the owner, network, access and engine classes on the mock API server, every request recorded:
 * each must be one {@link RequiredAccess} grants (or lists as optional), so the shipped Role is enough for them.
 * The whole runtime's scenario ({@link RuntimeScenario}: pods, feed, attach, exec, kill, listing, reaping, doctor) is
 * checked the same way, and the two together must use every verb the Role grants: a verb nobody uses leaves it.
 */
@EnableKubernetesMockClient(crud = true)
class RbacScenarioTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void everyRequestOfLeasesPoliciesReapingAndDoctorIsGrantedByTheRole() throws Exception {
        List<RecordedVerbs.Access> accesses = leasesPoliciesReapingAndDoctor();

        assertThat(RecordedVerbs.notGranted(accesses)).as("requests the Role does not grant").isEmpty();
        assertThat(accesses).extracting(a -> a.verb() + " " + a.resource()).contains("create leases", "get leases",
                "update leases", "delete leases", "list leases", "create networkpolicies", "delete networkpolicies",
                "list networkpolicies", "list pods", "delete pods", "patch pods", "create selfsubjectaccessreviews");
    }

    @Test
    void theWholeRuntimeStaysWithinTheRoleAndTogetherTheScenariosUseEveryVerbItGrants() throws Exception {
        List<RecordedVerbs.Access> runtime = RuntimeScenario.run(server, client);

        assertThat(RecordedVerbs.notGranted(runtime)).as("requests of the runtime the Role does not grant").isEmpty();
        assertThat(runtime).extracting(a -> a.verb() + " " + a.resource()).contains("create pods", "get pods",
                "list pods", "patch pods", "delete pods", "get pods/attach", "create pods/attach", "get pods/exec",
                "create pods/exec", "create leases", "list leases", "delete leases", "create networkpolicies",
                "list networkpolicies", "delete networkpolicies", "create selfsubjectaccessreviews");

        List<RecordedVerbs.Access> all = new ArrayList<>(runtime);
        all.addAll(leasesPoliciesReapingAndDoctor()); // the Lease's renewal, the proxy pod's label
        Set<String> used = all.stream().map(a -> a.group() + " " + a.resource() + " " + a.verb())
                .collect(Collectors.toSet());
        List<String> unused = RequiredAccess.RULES.stream().flatMap(rule -> rule.verbs().stream()
                .map(verb -> rule.group() + " " + rule.resource() + " " + verb)).filter(v -> !used.contains(v))
                .toList();
        assertThat(unused).as("verbs the Role grants that no scenario uses (they must leave the Role)").isEmpty();
    }

    /** The owner, network, access and engine classes one by one; set-up before the first drain. */
    private List<RecordedVerbs.Access> leasesPoliciesReapingAndDoctor() throws Exception {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(this.client.getConfiguration()).build();
        Cluster cluster = new Cluster(client, "test", KubernetesSettings.DEFAULTS, true);
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("ironbox-0")
                .endMetadata().withNewSpec().addNewContainer().withName("ironbox").withImage("ironbox").endContainer()
                .endSpec().build()).createOr(NonDeletingOperation::update);
        Lease lapsed = client.leases().inNamespace("test").resource(new LeaseBuilder().withNewMetadata()
                .withName("ironbox-000000000000").withLabels(Map.of(InstanceLease.LEASE_LABEL, "true")).endMetadata()
                .withNewSpec().withHolderIdentity("gone/1").withLeaseDurationSeconds(60)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1)).endSpec().build())
                .createOr(NonDeletingOperation::update);
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("orphan")
                .withLabels(Map.of(OwnerLabels.MANAGED, "true")).addNewOwnerReference()
                .withApiVersion("coordination.k8s.io/v1").withKind("Lease").withName("ironbox-000000000000")
                .withUid(lapsed.getMetadata().getUid()).endOwnerReference().endMetadata().withNewSpec()
                .addNewContainer().withName("sandbox").withImage("img").endContainer().endSpec().build())
                .createOr(NonDeletingOperation::update);
        AccessReviews.answer(server, attributes -> false);
        RecordedVerbs.drain(server); // the set-up is not the runtime's

        InstanceLease lease = new InstanceLease(cluster);
        lease.reference();
        Renewals.renew(lease);
        new DefaultDeny(cluster).ensure();
        new DefaultDeny(cluster).ensure(); // AlreadyExists
        PodNetworks networks = PodNetworksAccess.inPod(cluster, lease,
                Map.of("POD_IP", "10.1.2.3", "HOSTNAME", "ironbox-0"));
        SandboxNetwork network = networks.createInternal("ironbox-net-1", Map.of(OwnerLabels.MANAGED, "true"));
        HostFirewallPort.Opening opening = networks.allowOnly(network, network.gateway(), 3128);
        networks.describeByLabel(OwnerLabels.MANAGED, "true");
        opening.close();
        networks.remove("ironbox-net-1"); // gone already: fine
        List<String> reaped = new ExpiredLeases(cluster).reap();
        LeaseStates.of(cluster).stateOf(List.of(lease.reference()));
        ClusterEngine engine = new ClusterEngine(cluster);
        engine.probe();
        engine.notes();
        lease.close();

        List<RecordedVerbs.Access> accesses = RecordedVerbs.drain(server);
        client.close();

        assertThat(reaped).hasSize(1);
        assertThat(network.gateway().getHostAddress()).isEqualTo("10.1.2.3");
        return accesses;
    }
}
