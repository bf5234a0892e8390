package dev.ironbox.kubernetes.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The instance's Lease on the mock API server: created on first use with its fields, renewed, deleted. */
@EnableKubernetesMockClient(crud = true)
class InstanceLeaseTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T05:00:00.123456Z"));

    private InstanceLease lease() {
        return new InstanceLease(new Cluster(client, "test", KubernetesSettings.DEFAULTS, false), clock);
    }

    private Lease stored(String name) {
        return client.leases().inNamespace("test").withName(name).get();
    }

    @Test
    void theLeaseIsCreatedOnFirstReferenceWithItsFieldsAndOwnsWithoutBlocking() {
        InstanceLease lease = lease();
        assertThat(lease.name()).matches("ironbox-[0-9a-f]{12}");
        assertThat(client.leases().inNamespace("test").list().getItems()).as("nothing before the first use").isEmpty();

        OwnerReference reference = lease.reference();

        Lease created = stored(lease.name());
        assertThat(created.getMetadata().getLabels())
                .containsAllEntriesOf(Map.of("dev.ironbox.managed", "true", "dev.ironbox.lease", "true"));
        assertThat(created.getSpec().getHolderIdentity()).endsWith("/" + ProcessHandle.current().pid());
        assertThat(created.getSpec().getLeaseDurationSeconds()).isEqualTo(60);
        assertThat(created.getSpec().getAcquireTime().toInstant()).isEqualTo(clock.instant());
        assertThat(created.getSpec().getRenewTime().toInstant()).isEqualTo(clock.instant());
        assertThat(reference.getApiVersion()).isEqualTo("coordination.k8s.io/v1");
        assertThat(reference.getKind()).isEqualTo("Lease");
        assertThat(reference.getName()).isEqualTo(lease.name());
        assertThat(reference.getUid()).isNotBlank().isEqualTo(created.getMetadata().getUid());
        assertThat(reference.getBlockOwnerDeletion()).isFalse();
        assertThat(reference.getController()).isFalse();
        assertThat(lease.reference()).isEqualTo(reference);
        assertThat(client.leases().inNamespace("test").list().getItems()).hasSize(1);
        lease.close();
    }

    @Test
    void aRenewalMovesRenewTimeAndKeepsTheAcquisition() {
        InstanceLease lease = lease();
        lease.reference();
        Instant acquired = clock.instant();
        clock.advance(Duration.ofSeconds(20));

        lease.renew();

        Lease renewed = stored(lease.name());
        assertThat(renewed.getSpec().getRenewTime().toInstant()).isEqualTo(acquired.plusSeconds(20));
        assertThat(renewed.getSpec().getAcquireTime().toInstant()).isEqualTo(acquired);
        lease.close();
    }

    @Test
    void aLeaseDeletedUnderItIsCreatedAgainWithANewUidWhichLaterPodsReference() {
        InstanceLease lease = lease();
        String uid = lease.reference().getUid();
        client.leases().inNamespace("test").withName(lease.name()).delete();

        lease.renew();

        assertThat(stored(lease.name())).isNotNull();
        assertThat(lease.reference().getUid()).isEqualTo(stored(lease.name()).getMetadata().getUid());
        lease.close();
        assertThat(uid).isNotBlank();
    }

    @Test
    void closeDeletesTheLeaseOnceAndThenRefusesToOwnMore() {
        InstanceLease lease = lease();
        lease.reference();

        lease.close();
        lease.close();

        assertThat(stored(lease.name())).isNull();
        assertThatThrownBy(lease::reference).isInstanceOf(ContainerFailureException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anInstanceThatOwnedNothingCreatesNothingAndItsCloseDeletesNothing() throws Exception {
        InstanceLease lease = lease();
        int before = server.getRequestCount();

        lease.close();

        assertThat(server.getRequestCount()).isEqualTo(before);
    }
}
