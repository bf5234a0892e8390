package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.port.out.ContainerLifecyclePort;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.owner.LeaseStates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link ContainerLifecyclePort} on a cluster: a container is a pod (its id is the pod's name) whose
 * {@link PodNames#SANDBOX_CONTAINER} runs the command behind a gate (see {@link PodAttach}).
 */
public final class PodLifecycle implements ContainerLifecyclePort {

    /** A pod the kubelet ended at its {@code activeDeadlineSeconds} (after {@link #kill}): killed, as by SIGKILL. */
    static final int KILLED = 137;
    private static final Duration EXIT_POLL_MAX = Duration.ofSeconds(1);

    private final Cluster cluster;
    private final PodRuns runs;
    private final PodPoller poller;
    private final PodFeed feed;
    private final PodAttach attach;
    private final PodKill killer;
    private final PodListing listing;

    public PodLifecycle(Cluster cluster, PodRuns runs) {
        this(cluster, runs, (spec, limitBytes, out) -> {
            try (FeedArchive archive = FeedArchive.scan(spec, limitBytes)) {
                archive.writeTo(out);
            }
        });
    }

    PodLifecycle(Cluster cluster, PodRuns runs, PodFeed.TarSource tar) {
        this.cluster = cluster;
        this.runs = runs;
        this.poller = new PodPoller(cluster);
        this.feed = new PodFeed(cluster, poller, tar);
        this.attach = new PodAttach(cluster);
        this.killer = new PodKill(cluster, poller);
        this.listing = new PodListing(cluster);
    }

    /**
     * Waits (at most the schedule timeout) for the feed init container to run, feeds it the tar of the spec's binds,
     * waits for the sandbox container to run, attaches to it (for the follow registered by
     * {@link PodLogs#follow}, if any) and writes "go": the command starts as this returns, so the core's timeout
     * counts from the command's start. A reason the cluster gives for never running the pod (unschedulable, image
     * pull, the container's configuration, the pod failed or deleted, the timeout) fails at once, quoting it.
     */
    @Override
    public void start(ContainerId id) {
        String pod = id.value();
        Optional<PodRuns.Run> run = runs.run(pod);
        Optional<PodFollow> follow = run.flatMap(PodRuns.Run::follow);
        Duration timeout = cluster.settings().scheduleTimeout();
        // one budget for every wait of the start: the schedule timeout is the most a start takes, not each wait's
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Pod current = poller.get(pod);
            if (current == null) {
                throw new ContainerFailureException("pod " + pod + " was deleted");
            }
            if (hasFeed(current)) {
                awaitRunning(pod, PodNames.FEED_CONTAINER, deadline, timeout);
                ContainerSpec spec = run.map(PodRuns.Run::spec).orElseThrow(() -> new ContainerFailureException(
                        "pod " + pod + " was not created by this Ironbox instance: its workspace cannot be copied in"));
                feed.feed(pod, spec, left(deadline), timeout);
            }
            awaitRunning(pod, PodNames.SANDBOX_CONTAINER, deadline, timeout);
            attach.release(pod, follow, left(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            follow.ifPresent(PodFollow::end);
            throw new ContainerFailureException("interrupted while starting pod " + pod, e);
        } catch (RuntimeException e) {
            follow.ifPresent(PodFollow::end);
            throw e;
        }
    }

    /** What is left of a budget ending at {@code deadline} ({@link System#nanoTime}); never negative. */
    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private void awaitRunning(String pod, String container, long deadline, Duration budget)
            throws InterruptedException {
        AtomicReference<Pod> last = new AtomicReference<>();
        Optional<Boolean> running = poller.until(pod, left(deadline), PodPoller.FIRST_INTERVAL, current -> {
            last.set(current);
            if (PodStates.running(current, container)) {
                return Optional.of(true);
            }
            PodStates.problem(current, container).ifPresent(problem -> {
                throw new ContainerFailureException(problem);
            });
            PodStates.terminated(current, container).ifPresent(ended -> {
                throw new ContainerFailureException("container " + container + " of pod " + pod + " ended before"
                        + " Ironbox could start it: exit " + ended.getExitCode() + reason(ended));
            });
            return Optional.empty();
        });
        if (running.isEmpty()) {
            throw new ContainerFailureException("the pod was not running after " + PodStates.human(budget)
                    + ": waiting for container " + container + " of pod " + pod + " to run ("
                    + PodStates.progress(last.get(), container) + ")");
        }
    }

    /**
     * The sandbox container's terminated state: its exit code, and OOM when the kubelet says {@code OOMKilled}. A pod
     * the kubelet ended at its deadline is {@value #KILLED} whatever its container's own code (the kill's fallback or
     * the backstop did it); any other failed pod, or a deleted one, fails.
     */
    @Override
    public Optional<ExitStatus> awaitExit(ContainerId id, Duration timeout) throws InterruptedException {
        String pod = id.value();
        return poller.until(pod, timeout, EXIT_POLL_MAX, current -> {
            if (deadlineExceeded(current)) {
                // only Ironbox's kill (or its backstop) sets the deadline that ended it: a command that trapped the
                // kubelet's TERM and exited 0 did not end on its own
                return Optional.of(new ExitStatus(KILLED, false));
            }
            Optional<ContainerStateTerminated> ended = PodStates.terminated(current, PodNames.SANDBOX_CONTAINER);
            if (ended.isPresent()) {
                Integer code = ended.get().getExitCode();
                return Optional.of(new ExitStatus(code == null ? KILLED : code,
                        "OOMKilled".equals(ended.get().getReason())));
            }
            if ("Failed".equals(PodStates.phase(current))) {
                throw new ContainerFailureException(PodStates.problem(current, PodNames.SANDBOX_CONTAINER)
                        .orElse("pod " + pod + " failed"));
            }
            return Optional.empty();
        });
    }

    /** See {@link PodKill}; a pod that is gone or ended is not an error. */
    @Override
    public void kill(ContainerId id) {
        killer.kill(id.value());
    }

    /** Deletes the pod at once (grace period 0); a pod already gone is fine. Releases its follow. */
    @Override
    public void remove(ContainerId id) {
        String pod = id.value();
        try {
            cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw new ContainerFailureException("cannot delete pod " + pod + " (" + cluster.describe() + "): "
                        + e.getMessage(), e);
            }
        }
        runs.forget(pod);
    }

    @Override
    public List<ContainerId> listByLabel(String key, String value) {
        return listing.find(key, value).stream().map(p -> new ContainerId(p.getMetadata().getName())).toList();
    }

    @Override
    public List<ContainerSummary> describeByLabel(String key, String value) {
        List<Pod> pods = listing.find(key, value);
        // the Leases after the pods: a pod created meanwhile has its Lease already, so none reads as missing
        LeaseStates leases = LeaseStates.of(cluster);
        return pods.stream().map(pod -> {
            ContainerSummary summary = PodListing.summary(pod);
            return new ContainerSummary(summary.id(), summary.name(), summary.image(), summary.command(),
                    summary.created(), summary.running(),
                    leases.label(summary.labels(), pod.getMetadata().getOwnerReferences()));
        }).toList();
    }

    private static boolean deadlineExceeded(Pod pod) {
        return pod.getStatus() != null && "DeadlineExceeded".equals(pod.getStatus().getReason());
    }

    private static boolean hasFeed(Pod pod) {
        List<Container> init = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
        return init != null && init.stream().anyMatch(c -> PodNames.FEED_CONTAINER.equals(c.getName()));
    }

    private static String reason(ContainerStateTerminated ended) {
        String text = ended.getReason() == null ? "" : ", " + ended.getReason();
        return ended.getMessage() == null ? text : text + ": " + ended.getMessage().strip();
    }
}
