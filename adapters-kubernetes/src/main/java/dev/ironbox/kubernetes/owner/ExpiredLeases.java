package dev.ironbox.kubernetes.owner;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the Ironbox Leases whose instance stopped renewing them ({@code ironbox cleanup}). Kubernetes' garbage
 * collector would then delete their pods and policies; the pods are deleted here too, at once, so nothing waits on
 * the collector (a sandbox of a dead owner keeps running until then).
 */
public final class ExpiredLeases {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredLeases.class);

    private final Cluster cluster;
    private final Clock clock;

    public ExpiredLeases(Cluster cluster) {
        this(cluster, Clock.systemUTC());
    }

    ExpiredLeases(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /**
     * Deletes the Ironbox Leases whose renewal is older than their duration (and a clock skew), and their pods; one
     * line per Lease deleted. A Lease renewed between the list and the delete is kept, and its pods too.
     *
     * @throws ContainerFailureException when the Leases cannot be listed
     */
    public List<String> reap() {
        Instant now = clock.instant();
        List<Lease> expired;
        List<Pod> pods;
        try {
            expired = cluster.client().leases().inNamespace(cluster.namespace())
                    .withLabel(InstanceLease.LEASE_LABEL, "true").list().getItems().stream()
                    .filter(lease -> LeaseClock.expired(lease, now)).toList();
            pods = expired.isEmpty() ? List.of() : cluster.client().pods().inNamespace(cluster.namespace())
                    .withLabel(OwnerLabels.MANAGED, "true").list().getItems();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot list Ironbox's Leases (" + cluster.describe() + "): "
                    + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        for (Lease lease : expired) {
            String name = lease.getMetadata().getName();
            try {
                // Only the Lease as listed: an owner that renewed it since is alive, and deleting its Lease would have
                // the garbage collector delete its running pods. The API server answers 409 then.
                cluster.client().leases().inNamespace(cluster.namespace()).withName(name)
                        .lockResourceVersion(lease.getMetadata().getResourceVersion()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    LOG.info("Lease {} was renewed after it was listed as expired: kept, with its pods", name);
                    continue;
                }
                LOG.warn("deleting the expired Lease {} ({}) failed: {}", name, cluster.describe(), e.getMessage());
                continue;
            }
            int deleted = deletePods(lease.getMetadata().getUid(), pods);
            lines.add("Lease " + name + " (held by " + lease.getSpec().getHolderIdentity() + ", lapsed "
                    + LeaseClock.expiresAt(lease).map(Instant::toString).orElse("?") + ") and its " + deleted
                    + " pod(s)");
        }
        return lines;
    }

    private int deletePods(String uid, List<Pod> pods) {
        int deleted = 0;
        for (Pod pod : pods) {
            if (!ownedBy(pod.getMetadata().getOwnerReferences(), uid)) {
                continue;
            }
            try {
                cluster.client().pods().inNamespace(cluster.namespace()).withName(pod.getMetadata().getName())
                        .withGracePeriod(0).delete();
                deleted++;
            } catch (KubernetesClientException e) {
                // the garbage collector deletes it later: its owner is gone
                LOG.warn("deleting pod {} of an expired Lease failed ({}): {}", pod.getMetadata().getName(),
                        cluster.describe(), e.getMessage());
            }
        }
        return deleted;
    }

    static boolean ownedBy(List<OwnerReference> owners, String uid) {
        return owners != null && owners.stream().anyMatch(owner -> InstanceLease.KIND.equals(owner.getKind())
                && Objects.equals(uid, owner.getUid()));
    }
}
