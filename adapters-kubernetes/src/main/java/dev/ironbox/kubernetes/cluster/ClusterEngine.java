package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineCapacity;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.kubernetes.access.AccessReview;
import dev.ironbox.kubernetes.network.PolicyOverlaps;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ironbox doctor} and {@code runtimes} say of the cluster: its version, the limits a pod can have, and the
 * notes only a cluster needs (the identity's missing permissions, what NetworkPolicy and pids depend on). Thread-safe.
 */
public final class ClusterEngine implements EnginePort {

    static final String CNI_WARNING = "NetworkPolicy is enforced only by a CNI that supports it (Calico, Cilium, ...):"
            + " on another, the sandboxes' pods are not kept from the network";
    static final String PIDS_WARNING = "pids: bounded by the kubelet's podPidsLimit, not per run";
    static final String SANDBOX_CRD = "sandboxes.agents.x-k8s.io";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEngine.class);

    private final Cluster cluster;

    public ClusterEngine(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The server's version; memory, CPU and pids as enforceable (pids through the kubelet's podPidsLimit, see
     * {@link #notes()}); the largest node's allocatable CPUs and memory when nodes may be listed, else unknown.
     *
     * @throws EngineUnavailableException naming the API server when it does not answer
     */
    @Override
    public EngineInfo probe() {
        VersionInfo version = version();
        return new EngineInfo("kubernetes", gitVersion(version), version.getMajor() + "." + version.getMinor(),
                masterUrl(), Optional.empty(), false, "unknown", Set.of(LimitKind.MEMORY, LimitKind.CPU,
                        LimitKind.PIDS), capacity());
    }

    private VersionInfo version() {
        try {
            return cluster.client().getKubernetesVersion();
        } catch (KubernetesClientException e) {
            throw new EngineUnavailableException("the Kubernetes API server " + masterUrl() + " does not answer: "
                    + ClusterErrors.describe(e), e);
        }
    }

    /** {@code v1.31.2}; a server that says only major and minor (some distributions' proxies): {@code 1.31}. */
    private static String gitVersion(VersionInfo version) {
        return version.getGitVersion() != null ? version.getGitVersion()
                : version.getMajor() + "." + version.getMinor();
    }

    private String masterUrl() {
        return cluster.client().getConfiguration().getMasterUrl();
    }

    /** The largest node's allocatable figures (a pod runs on one node); unknown when nodes may not be listed. */
    private EngineCapacity capacity() {
        List<Node> nodes;
        try {
            nodes = cluster.client().nodes().list().getItems();
        } catch (KubernetesClientException e) {
            LOG.debug("nodes not listed ({}), capacity unknown: {}", e.getCode(), e.getMessage());
            return EngineCapacity.UNKNOWN;
        }
        Integer cpus = null;
        Long memory = null;
        for (Node node : nodes) {
            Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
            if (allocatable == null) {
                continue;
            }
            if (allocatable.containsKey("cpu")) {
                int value = Quantity.getAmountInBytes(allocatable.get("cpu")).intValue();
                cpus = cpus == null ? value : Math.max(cpus, value);
            }
            if (allocatable.containsKey("memory")) {
                long value = Quantity.getAmountInBytes(allocatable.get("memory")).longValue();
                memory = memory == null ? value : Math.max(memory, value);
            }
        }
        return EngineCapacity.of(cpus, memory);
    }

    /**
     * Server, version and namespace; each missing permission; NetworkPolicy's and pids' caveats, and each other policy
     * that may open Ironbox's pods; agent-sandbox.
     */
    @Override
    public List<EngineNote> notes() {
        List<EngineNote> notes = new ArrayList<>();
        VersionInfo version;
        try {
            version = version();
        } catch (EngineUnavailableException e) {
            return List.of(EngineNote.problem(e.getMessage()));
        }
        notes.add(EngineNote.info("API server " + masterUrl() + " (Kubernetes " + gitVersion(version)
                + "), namespace " + cluster.namespace()));
        try {
            for (String missing : new AccessReview(cluster).missing()) {
                notes.add(EngineNote.problem("missing permission: " + missing + " in namespace " + cluster.namespace()
                        + " (deploy/kubernetes/role.yaml grants what Ironbox needs)"));
            }
        } catch (KubernetesClientException e) {
            notes.add(EngineNote.problem("cannot check this identity's permissions in namespace "
                    + cluster.namespace() + ": " + e.getMessage()));
        }
        notes.add(EngineNote.warning(CNI_WARNING));
        PolicyOverlaps.warnings(cluster).forEach(warning -> notes.add(EngineNote.warning(warning)));
        notes.add(EngineNote.warning(PIDS_WARNING));
        notes.add(EngineNote.info(agentSandbox()));
        return notes;
    }

    private String agentSandbox() {
        try {
            boolean present = cluster.client().apiextensions().v1().customResourceDefinitions().withName(SANDBOX_CRD)
                    .get() != null;
            return present ? "agent-sandbox CRDs are installed (" + SANDBOX_CRD + ")"
                    : "agent-sandbox CRDs are not installed (" + SANDBOX_CRD + ")";
        } catch (KubernetesClientException e) {
            return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                    ? "agent-sandbox CRDs: not visible to this identity (no permission to read"
                            + " CustomResourceDefinitions)"
                    : "agent-sandbox CRDs: cannot tell (" + e.getMessage() + ")";
        }
    }
}
