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
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full scenario of the owner, network, access and engine classes on the mock API server, every request recorded:
 * each must be one {@link RequiredAccess} grants (or lists as optional), so the shipped Role is enough for them.
 * The pod and exec scenario joins it the same way ({@link RecordedVerbs}).
 */
@EnableKubernetesMockClient(crud = true)
class RbacScenarioTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void everyRequestOfLeasesPoliciesReapingAndDoctorIsGrantedByTheRole() throws Exception {
        Cluster cluster = new Cluster(client, "test", KubernetesSettings.DEFAULTS, true);
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("ironbox-0")
                .endMetadata().withNewSpec().addNewContainer().withName("ironbox").withImage("ironbox").endContainer()
                .endSpec().build()).create();
        Lease lapsed = client.leases().inNamespace("test").resource(new LeaseBuilder().withNewMetadata()
                .withName("ironbox-000000000000").withLabels(Map.of(InstanceLease.LEASE_LABEL, "true")).endMetadata()
                .withNewSpec().withHolderIdentity("gone/1").withLeaseDurationSeconds(60)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1)).endSpec().build()).create();
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("orphan")
                .withLabels(Map.of(OwnerLabels.MANAGED, "true")).addNewOwnerReference()
                .withApiVersion("coordination.k8s.io/v1").withKind("Lease").withName("ironbox-000000000000")
                .withUid(lapsed.getMetadata().getUid()).endOwnerReference().endMetadata().withNewSpec()
                .addNewContainer().withName("sandbox").withImage("img").endContainer().endSpec().build()).create();
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

        assertThat(reaped).hasSize(1);
        assertThat(network.gateway().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(RecordedVerbs.notGranted(accesses)).as("requests the Role does not grant").isEmpty();
        assertThat(accesses).extracting(a -> a.verb() + " " + a.resource()).contains("create leases", "get leases",
                "update leases", "delete leases", "list leases", "create networkpolicies", "get networkpolicies", "delete networkpolicies",
                "list networkpolicies", "list pods", "delete pods", "patch pods", "create selfsubjectaccessreviews");
    }
}
