package dev.ironbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.pod.PodLabels;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ironbox cleanup}'s first step on a cluster also removes the session pods that ended (the engines'
 * auto-remove). */
@EnableKubernetesMockClient(crud = true)
class KubernetesCleanupTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private void pod(String name, boolean autoRemove, String phase) {
        Map<String, String> labels = new HashMap<>(Map.of(OwnerLabels.MANAGED, "true"));
        if (autoRemove) {
            labels.put(PodLabels.AUTO_REMOVE, "true");
        }
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("sandbox").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    private List<String> pods() {
        return client.pods().inNamespace("test").list().getItems().stream().map(p -> p.getMetadata().getName())
                .toList();
    }

    @Test
    void finishedSessionPodsAreRemovedOneLineEachAndRunningSessionsAndRunPodsStay() {
        pod("session-done", true, "Succeeded");
        pod("session-failed", true, "Failed");
        pod("session-idle", true, "Running");
        pod("session-pending", true, "Pending");
        pod("ironbox-run-finished", false, "Succeeded"); // a run's pod: its runner removes it

        KubernetesRuntime runtime = KubernetesRuntime.on(new Cluster(client, "test", KubernetesSettings.DEFAULTS,
                false));
        try {
            List<String> lines = runtime.reapExpiredOwners();

            assertThat(lines).containsExactlyInAnyOrder("removed finished session pod session-done",
                    "removed finished session pod session-failed");
            assertThat(pods()).containsExactlyInAnyOrder("session-idle", "session-pending", "ironbox-run-finished");
        } finally {
            runtime.close();
        }
    }
}
