package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Copies a spec's binds into its pod: attaches to the {@link PodNames#FEED_CONTAINER} init container's standard input,
 * streams ONE tar of the binds, closes the attach (the container is {@code stdinOnce}, so its {@code tar -x} reads end
 * of file) and waits for the init container to end with exit code 0.
 */
final class PodFeed {

    /** Writes the tar of {@code spec}'s binds, at most {@code limitBytes}, to {@code out}. */
    @FunctionalInterface
    interface TarSource {
        void write(ContainerSpec spec, long limitBytes, OutputStream out) throws IOException;
    }

    /**
     * The size of one WebSocket frame of the tar. fabric8 holds back a write while 16 MiB are queued on the
     * transport's WebSocket (OkHttp's queue), so a slow API server slows the copy down rather than failing it.
     */
    static final int FRAME_BYTES = 4 << 20;

    private final Cluster cluster;
    private final PodPoller poller;
    private final TarSource tar;

    PodFeed(Cluster cluster, PodPoller poller, TarSource tar) {
        this.cluster = cluster;
        this.poller = poller;
        this.tar = tar;
    }

    /**
     * Streams the tar of {@code spec}'s binds into the running feed container of pod {@code pod}, then waits at most
     * {@code left} (what the start's budget {@code budget} has left) for the container to end.
     *
     * @throws ContainerFailureException when the attach, the copy or the extraction fails, quoting the cause
     */
    void feed(String pod, ContainerSpec spec, Duration left, Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + left.toNanos(); // the copy's own time comes out of the same budget
        ExecWatch watch;
        try {
            watch = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod)
                    .inContainer(PodNames.FEED_CONTAINER).withReadyWaitTimeout(0).redirectingInput(FRAME_BYTES)
                    .attach();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot attach to container " + PodNames.FEED_CONTAINER + " of pod "
                    + pod + " to copy the workspace in: " + e.getMessage(), e);
        }
        try {
            OutputStream in = watch.getInput();
            tar.write(spec, cluster.settings().ephemeralStorage(), in);
            in.flush();
        } catch (IOException | KubernetesClientException e) {
            throw new ContainerFailureException("cannot copy the workspace into pod " + pod + ": " + e.getMessage(), e);
        } finally {
            // after the tar's frames (the WebSocket sends in order): the end of the attach ends tar's input
            watch.close();
        }
        Duration remaining = PodLifecycle.left(deadline);
        Optional<ContainerStateTerminated> ended = poller.until(pod, remaining, Duration.ofSeconds(1), current -> {
            Optional<ContainerStateTerminated> terminated = PodStates.terminated(current, PodNames.FEED_CONTAINER);
            if (terminated.isEmpty()) {
                PodStates.problem(current, PodNames.FEED_CONTAINER).ifPresent(problem -> {
                    throw new ContainerFailureException(problem);
                });
            }
            return terminated;
        });
        ContainerStateTerminated terminated = ended.orElseThrow(() -> new ContainerFailureException(
                "the workspace copy into pod " + pod + " did not end within the schedule timeout ("
                        + PodStates.human(budget) + ")"));
        if (terminated.getExitCode() == null || terminated.getExitCode() != 0) {
            throw new ContainerFailureException("the workspace copy into pod " + pod + " failed: tar exited "
                    + terminated.getExitCode() + text(terminated.getReason()) + text(terminated.getMessage()));
        }
    }

    private static String text(String part) {
        return part == null || part.isBlank() ? "" : ": " + part.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
