package dev.ironbox.kubernetes.owner;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of each Ironbox Lease at one moment (one list), for {@code ironbox ps} and {@code cleanup}: a pod's or
 * policy's owner is {@link OwnerLabels#LEASE_HELD held}, {@link OwnerLabels#LEASE_EXPIRED expired} or
 * {@link OwnerLabels#LEASE_MISSING missing}, which core's owner liveness reads from label
 * {@link OwnerLabels#OWNER_LEASE}. Immutable.
 */
public final class LeaseStates {

    /** Lease uid → held or expired. */
    private final Map<String, String> byUid;

    private LeaseStates(Map<String, String> byUid) {
        this.byUid = Map.copyOf(byUid);
    }

    /**
     * The Ironbox Leases of the cluster's namespace now.
     *
     * @throws ContainerFailureException when they cannot be listed
     */
    public static LeaseStates of(Cluster cluster) {
        return of(cluster, Clock.systemUTC());
    }

    static LeaseStates of(Cluster cluster, Clock clock) {
        Instant now = clock.instant();
        Map<String, String> states = new HashMap<>();
        try {
            for (Lease lease : cluster.client().leases().inNamespace(cluster.namespace())
                    .withLabel(InstanceLease.LEASE_LABEL, "true").list().getItems()) {
                states.put(lease.getMetadata().getUid(),
                        LeaseClock.expired(lease, now) ? OwnerLabels.LEASE_EXPIRED : OwnerLabels.LEASE_HELD);
            }
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot list Ironbox's Leases (" + cluster.describe() + "): "
                    + e.getMessage(), e);
        }
        return new LeaseStates(states);
    }

    /**
     * The state of the Lease among {@code owners} (an object's ownerReferences); empty when none is a Lease (not
     * owned by an instance: then nothing is said).
     */
    public Optional<String> stateOf(List<OwnerReference> owners) {
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream()
                .filter(owner -> InstanceLease.KIND.equals(owner.getKind())
                        && InstanceLease.API_VERSION.equals(owner.getApiVersion()))
                .findFirst()
                .map(owner -> byUid.getOrDefault(owner.getUid(), OwnerLabels.LEASE_MISSING));
    }

    /** {@code labels} with {@link OwnerLabels#OWNER_LEASE} set from {@code owners} when one is a Lease. */
    public Map<String, String> label(Map<String, String> labels, List<OwnerReference> owners) {
        Optional<String> state = stateOf(owners);
        if (state.isEmpty()) {
            return labels;
        }
        Map<String, String> labelled = new HashMap<>(labels);
        labelled.put(OwnerLabels.OWNER_LEASE, state.get());
        return labelled;
    }
}
