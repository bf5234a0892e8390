package dev.ironbox.kubernetes.owner;

import io.fabric8.kubernetes.api.model.OwnerReference;

/** STUB of the foundation: replaced by the helper that owns it. */
public final class InstanceLease {

    public InstanceLease(dev.ironbox.kubernetes.cluster.Cluster cluster) {}

    /**
     * The owner reference every pod and policy this instance creates carries: to this instance's Lease, created on
     * first use and renewed until {@link #close()}.
     */
    public OwnerReference reference() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stops renewing and deletes the Lease (its pods and policies go with it). Idempotent; never throws. */
    public void close() {}
}
