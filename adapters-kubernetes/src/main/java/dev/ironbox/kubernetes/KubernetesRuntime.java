package dev.ironbox.kubernetes;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.port.out.ContainerCreationPort;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EnginePort;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.port.out.ImagePort;
import dev.ironbox.core.port.out.LogCollectionPort;
import dev.ironbox.core.port.out.NetworkPort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.ClusterConnection;
import dev.ironbox.kubernetes.cluster.ClusterEngine;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.exec.ClusterImages;
import dev.ironbox.kubernetes.exec.PodExec;
import dev.ironbox.kubernetes.network.DefaultDeny;
import dev.ironbox.kubernetes.network.PodNetworks;
import dev.ironbox.kubernetes.owner.ExpiredLeases;
import dev.ironbox.kubernetes.owner.FinishedSessionPods;
import dev.ironbox.kubernetes.owner.InstanceLease;
import dev.ironbox.kubernetes.pod.PodCreation;
import dev.ironbox.kubernetes.pod.PodLifecycle;
import dev.ironbox.kubernetes.pod.PodLogs;
import dev.ironbox.kubernetes.pod.PodRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime ports on a Kubernetes cluster: a run is one pod, a session a long-running pod, exec and copy go through
 * the API server; everything this instance creates is owned by its renewed Lease. Holds one client for its life.
 */
public final class KubernetesRuntime implements ContainerRuntime {

    /** The id configuration selects it by. */
    public static final String ID = "kubernetes";

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);

    private final Cluster cluster;
    private final InstanceLease lease;
    private final ClusterEngine engine;
    private final ClusterImages images;
    private final PodCreation creation;
    private final PodLifecycle lifecycle;
    private final PodLogs logs;
    private final PodExec exec;
    private final PodNetworks networks;
    private final ExpiredLeases expiredLeases;
    private final FinishedSessionPods finishedSessions;
    private final AtomicBoolean closed = new AtomicBoolean();

    KubernetesRuntime(Cluster cluster) {
        this.cluster = cluster;
        this.lease = new InstanceLease(cluster);
        DefaultDeny defaultDeny = new DefaultDeny(cluster);
        PodRuns runs = new PodRuns();
        this.engine = new ClusterEngine(cluster);
        this.images = new ClusterImages(cluster);
        this.creation = new PodCreation(cluster, lease, defaultDeny, runs);
        this.lifecycle = new PodLifecycle(cluster, runs);
        this.logs = new PodLogs(cluster, runs);
        this.exec = new PodExec(cluster);
        this.networks = new PodNetworks(cluster, lease);
        this.expiredLeases = new ExpiredLeases(cluster);
        this.finishedSessions = new FinishedSessionPods(cluster);
    }

    /**
     * Connects to the cluster the kubeconfig (or the in-cluster service account) names, with {@code settings}.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when a setting is unknown or invalid
     * @throws dev.ironbox.core.error.EngineUnavailableException when no cluster is configured
     */
    public static KubernetesRuntime connect(RuntimeSettings settings) {
        return new KubernetesRuntime(new ClusterConnection().connect(KubernetesSettings.parse(settings)));
    }

    /** For tests: a runtime on an existing connection (the mock API server's). */
    static KubernetesRuntime on(Cluster cluster) {
        return new KubernetesRuntime(cluster);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EnginePort engine() {
        return engine;
    }

    @Override
    public ImagePort images() {
        return images;
    }

    @Override
    public ContainerCreationPort containers() {
        return creation;
    }

    @Override
    public ContainerLifecyclePort lifecycle() {
        return lifecycle;
    }

    @Override
    public LogCollectionPort logs() {
        return logs;
    }

    @Override
    public ExecPort exec() {
        return exec;
    }

    @Override
    public NetworkPort networks() {
        return networks;
    }

    /**
     * Lapsed Leases with their pods, then session pods that ended: Kubernetes keeps a pod whose containers ended, where
     * Docker and Podman auto-remove a session's container.
     */
    @Override
    public List<String> reapExpiredOwners() {
        List<String> lines = new ArrayList<>(expiredLeases.reap());
        lines.addAll(finishedSessions.reap());
        return lines;
    }

    /** Deletes this instance's Lease (a clean close leaves nothing for the garbage collector), then the client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lease.close();
        try {
            cluster.client().close();
        } catch (RuntimeException e) {
            LOG.debug("closing the Kubernetes client failed", e);
        }
    }
}
