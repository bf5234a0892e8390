package dev.ironbox.kubernetes.owner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ironbox cleanup} on a cluster: only lapsed Ironbox Leases go, with their pods; the states {@code ps} shows. */
@EnableKubernetesMockClient(crud = true)
class ExpiredLeasesTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final Instant now = Instant.parse("2026-12-05T05:00:00Z");
    private final SettableClock clock = new SettableClock(now);

    private Cluster cluster() {
        return new Cluster(client, "test", KubernetesSettings.DEFAULTS, false);
    }

    private Lease lease(String name, Instant renewed, boolean ours) {
        return client.leases().inNamespace("test").resource(new LeaseBuilder()
                .withNewMetadata().withName(name).withLabels(ours ? Map.of("dev.ironbox.lease", "true")
                        : Map.of("app", "leader-election")).endMetadata()
                .withNewSpec().withHolderIdentity("host/" + name).withLeaseDurationSeconds(60)
                .withAcquireTime(renewed.minusSeconds(600).atZone(ZoneOffset.UTC))
                .withRenewTime(renewed.atZone(ZoneOffset.UTC)).endSpec()
                .build()).create();
    }

    private static OwnerReference owner(Lease lease) {
        return new OwnerReferenceBuilder().withApiVersion("coordination.k8s.io/v1").withKind("Lease")
                .withName(lease.getMetadata().getName()).withUid(lease.getMetadata().getUid()).build();
    }

    private void pod(String name, Lease owner) {
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(OwnerLabels.MANAGED, "true")).withOwnerReferences(owner(owner)).endMetadata()
                .withNewSpec().addNewContainer().withName("sandbox").withImage("img").endContainer().endSpec()
                .build()).create();
    }

    private List<String> names() {
        return client.leases().inNamespace("test").list().getItems().stream().map(l -> l.getMetadata().getName())
                .toList();
    }

    @Test
    void onlyLapsedIronboxLeasesAreDeletedWithTheirPodsAtOnce() {
        Lease held = lease("ironbox-aaaaaaaaaaaa", now.minusSeconds(20), true);
        Lease lapsed = lease("ironbox-bbbbbbbbbbbb", now.minus(Duration.ofMinutes(3)), true);
        lease("someone-elses", now.minus(Duration.ofHours(1)), false);
        pod("ironbox-run-held", held);
        pod("ironbox-run-lapsed", lapsed);

        List<String> lines = new ExpiredLeases(cluster(), clock).reap();

        assertThat(lines).singleElement().asString().contains("ironbox-bbbbbbbbbbbb")
                .contains("host/ironbox-bbbbbbbbbbbb").contains("1 pod(s)");
        assertThat(names()).containsExactlyInAnyOrder("ironbox-aaaaaaaaaaaa", "someone-elses");
        assertThat(client.pods().inNamespace("test").list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("ironbox-run-held");
    }

    @Test
    void aLeaseJustPastItsDurationIsKeptForClockSkewAndNothingIsReapedWhenNoneLapsed() {
        lease("ironbox-cccccccccccc", now.minusSeconds(65), true);

        assertThat(new ExpiredLeases(cluster(), clock).reap()).isEmpty();
        assertThat(names()).containsExactly("ironbox-cccccccccccc");

        clock.advance(Duration.ofSeconds(10));
        assertThat(new ExpiredLeases(cluster(), clock).reap()).hasSize(1);
        assertThat(names()).isEmpty();
    }

    @Test
    void statesAreHeldExpiredOrMissingForWhatALeaseOwnsAndNothingForTheRest() {
        Lease held = lease("ironbox-dddddddddddd", now.minusSeconds(5), true);
        Lease lapsed = lease("ironbox-eeeeeeeeeeee", now.minus(Duration.ofMinutes(5)), true);
        OwnerReference gone = new OwnerReferenceBuilder().withApiVersion("coordination.k8s.io/v1").withKind("Lease")
                .withName("ironbox-ffffffffffff").withUid("0000-gone").build();

        LeaseStates states = LeaseStates.of(cluster(), clock);

        assertThat(states.stateOf(List.of(owner(held)))).contains(OwnerLabels.LEASE_HELD);
        assertThat(states.stateOf(List.of(owner(lapsed)))).contains(OwnerLabels.LEASE_EXPIRED);
        assertThat(states.stateOf(List.of(gone))).contains(OwnerLabels.LEASE_MISSING);
        assertThat(states.stateOf(List.of())).isEmpty();
        assertThat(states.stateOf(null)).isEqualTo(Optional.empty());
        assertThat(states.label(Map.of("a", "b"), List.of(owner(lapsed))))
                .containsEntry(OwnerLabels.OWNER_LEASE, "expired").containsEntry("a", "b");
    }

    @Test
    void podsOfALeaseAreFoundByUidNotByName() {
        Lease lapsed = lease("ironbox-999999999999", now.minus(Duration.ofMinutes(3)), true);
        Pod impostor = new PodBuilder().withNewMetadata().withName("other").withLabels(Map.of(OwnerLabels.MANAGED,
                "true")).withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("coordination.k8s.io/v1")
                .withKind("Lease").withName("ironbox-999999999999").withUid("another-uid").build()).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build();
        client.pods().inNamespace("test").resource(impostor).create();

        assertThat(new ExpiredLeases(cluster(), clock).reap()).singleElement().asString().contains("0 pod(s)");
        assertThat(client.pods().inNamespace("test").withName("other").get()).isNotNull();
        assertThat(lapsed.getMetadata().getUid()).isNotEqualTo("another-uid");
    }

    @Test
    void aLeaseRenewedBetweenTheListAndTheDeleteIsKeptWithItsPods() {
        Lease lapsed = lease("ironbox-777777777777", now.minus(Duration.ofMinutes(3)), true);
        pod("ironbox-run-alive", lapsed);
        String listed = lapsed.getMetadata().getResourceVersion();
        List<String> preconditions = new ArrayList<>();
        // The API server's answer when the owner renewed the Lease after the reaper listed it: a delete that names
        // the listed resourceVersion conflicts; one without a precondition would succeed and the GC take the pods.
        server.expect().delete().withPath("/apis/coordination.k8s.io/v1/namespaces/test/leases/ironbox-777777777777")
                .andReply(new ResponseProvider<Object>() {
                    private Headers headers = Headers.builder().build();

                    @Override
                    public int getStatusCode(RecordedRequest request) {
                        boolean locked = request.getUtf8Body().contains("\"resourceVersion\":\"" + listed + "\"");
                        preconditions.add(locked ? listed : "none");
                        return locked ? 409 : 200;
                    }

                    @Override
                    public Object getBody(RecordedRequest request) {
                        return new StatusBuilder().withCode(409).withReason("Conflict").withMessage("Operation cannot"
                                + " be fulfilled on leases.coordination.k8s.io \"ironbox-777777777777\": the object"
                                + " has been modified").build();
                    }

                    @Override
                    public Headers getHeaders() {
                        return headers;
                    }

                    @Override
                    public void setHeaders(Headers headers) {
                        this.headers = headers;
                    }
                }).once();

        List<String> lines = new ExpiredLeases(cluster(), clock).reap();

        assertThat(preconditions).containsExactly(listed);
        assertThat(lines).as("nothing was reaped").isEmpty();
        assertThat(client.pods().inNamespace("test").withName("ironbox-run-alive").get()).isNotNull();
        assertThat(names()).containsExactly("ironbox-777777777777");
    }
}
