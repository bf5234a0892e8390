package dev.ironbox.kubernetes.network;



/** STUB of the foundation: replaced by the helper that owns it. */
public final class DefaultDeny {

    public DefaultDeny(dev.ironbox.kubernetes.cluster.Cluster cluster, dev.ironbox.kubernetes.owner.InstanceLease lease) {}

    /** Makes sure the namespace's default-deny policy for Ironbox's pods exists (once per instance; idempotent). */
    public void ensure() {
        throw new UnsupportedOperationException("not built yet");
    }
}
