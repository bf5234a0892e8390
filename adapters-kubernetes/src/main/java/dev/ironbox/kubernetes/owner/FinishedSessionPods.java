package dev.ironbox.kubernetes.owner;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.pod.PodLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the session pods that ended ({@code ironbox cleanup}). On Docker and Podman a session's container is
 * auto-removed when its idle watchdog stops it; Kubernetes keeps a pod whose containers ended, so the pod creator
 * labels such pods and cleanup removes them once their phase is final.
 */
public final class FinishedSessionPods {

    /** Phases no pod leaves: with restartPolicy Never its containers will not run again. */
    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private static final Logger LOG = LoggerFactory.getLogger(FinishedSessionPods.class);

    private final Cluster cluster;

    public FinishedSessionPods(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Deletes each Ironbox pod labelled auto-remove whose phase is Succeeded or Failed; one line per pod deleted (one
     * that could not be is logged, and the next cleanup tries again).
     *
     * @throws ContainerFailureException when the pods cannot be listed
     */
    public List<String> reap() {
        List<Pod> pods;
        try {
            pods = cluster.client().pods().inNamespace(cluster.namespace()).withLabel(OwnerLabels.MANAGED, "true")
                    .withLabel(PodLabels.AUTO_REMOVE, "true").list().getItems();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot list Ironbox's session pods (" + cluster.describe() + "): "
                    + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            if (pod.getStatus() == null || !FINISHED.contains(pod.getStatus().getPhase())) {
                continue;
            }
            try {
                cluster.client().pods().inNamespace(cluster.namespace()).withName(name).withGracePeriod(0).delete();
                lines.add("removed finished session pod " + name);
            } catch (KubernetesClientException e) {
                LOG.warn("deleting the finished session pod {} failed ({}): {}", name, cluster.describe(),
                        e.getMessage());
            }
        }
        return lines;
    }
}
