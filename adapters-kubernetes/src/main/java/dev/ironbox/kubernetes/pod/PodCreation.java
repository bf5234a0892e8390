package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.ClusterErrors;
import dev.ironbox.kubernetes.network.DefaultDeny;
import dev.ironbox.kubernetes.owner.InstanceLease;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Creates a run's or session's pod: the spec refused first when no pod can run it (a writable workspace, a missing
 * bind, binds larger than the pod's ephemeral storage, a name or user a pod cannot have), then the namespace's
 * default-deny policy ensured, then the pod created, owned by this instance's Lease when the spec names an owner
 * process (a detached session names none: it outlives this process). The API server's refusals
 * (admission, quota, an invalid or existing pod) become one line quoting its reason and message. Thread-safe.
 */
public final class PodCreation implements ContainerCreationPort {

    private final Cluster cluster;
    private final Supplier<OwnerReference> owner;
    private final Runnable defaultDeny;
    private final PodRuns runs;
    private final PodSpecs specs;

    public PodCreation(Cluster cluster, InstanceLease lease, DefaultDeny defaultDeny, PodRuns runs) {
        this(cluster, lease::reference, defaultDeny::ensure, runs);
    }

    /** For tests: the owner reference and the default deny given as they are. */
    PodCreation(Cluster cluster, Supplier<OwnerReference> owner, Runnable defaultDeny, PodRuns runs) {
        this.cluster = cluster;
        this.owner = owner;
        this.defaultDeny = defaultDeny;
        this.runs = runs;
        this.specs = new PodSpecs(cluster.settings());
    }

    /**
     * @throws dev.ironbox.core.error.PolicyRefusedException for a writable bind (workspace_write) or binds larger
     *     than the pod's ephemeral storage
     * @throws ContainerFailureException when the spec cannot be a pod, or the API server refuses it
     */
    @Override
    public ContainerId create(ContainerSpec spec) {
        PodSpecs.check(spec);
        // walked and sized now, before anything exists; the start walks again to feed it
        FeedArchive.check(spec, cluster.settings().ephemeralStorage());
        defaultDeny.run();
        // a pod of a process is owned by its Lease (gone with it); a detached session (no owner pid) belongs to no
        // process: owned by the Lease, the garbage collector would delete it when this CLI exits
        Pod pod = specs.pod(spec, spec.labels().containsKey(OwnerLabels.OWNER_PID) ? owner.get() : null);
        try {
            cluster.client().pods().inNamespace(cluster.namespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot create pod " + spec.name() + " in " + cluster.describe()
                    + ": " + refusal(e), e);
        }
        runs.created(spec.name(), spec);
        return new ContainerId(spec.name());
    }

    /** The API server's own words: {@code 403 Forbidden: pods "x" is forbidden: exceeded quota: ...}. */
    static String refusal(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null && !status.getMessage().isBlank()
                ? status.getMessage() : e.getMessage();
        String reason = status != null && status.getReason() != null && !status.getReason().isBlank()
                ? status.getReason() : null;
        String code = e.getCode() > 0 ? Integer.toString(e.getCode()) : null;
        String head = code == null ? reason : reason == null ? code : code + " " + reason;
        if (head == null) {
            // no answer from the API server (unreachable, TLS, interrupted): the client's words and the cause's
            return ClusterErrors.withCause(message, e);
        }
        return head + ": " + message;
    }
}
