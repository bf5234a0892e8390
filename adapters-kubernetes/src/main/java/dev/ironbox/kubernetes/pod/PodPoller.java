package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for one pod to reach a state by reading it again and again ({@code GET} every 200 ms, slowing to
 * {@code maxInterval}). Polling, not a watch: a watch on one pod needs a resource version, a reconnect when the API
 * server closes it (it does, every few minutes) and a listing to not miss what happened before it opened; a plain
 * {@code get} has none of that, sees a deletion as {@code null}, and its cost (a few small requests a second per
 * starting pod) is bounded by the wait.
 */
final class PodPoller {

    static final Duration FIRST_INTERVAL = Duration.ofMillis(200);

    /** One look at the pod: a value when the wait is over; throws when it never will be. */
    @FunctionalInterface
    interface Step<T> {
        Optional<T> check(Pod pod);
    }

    private final Cluster cluster;

    PodPoller(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Reads pod {@code pod} until {@code step} gives a value or {@code timeout} passes.
     *
     * @return the value, or empty when the timeout passed first
     * @throws ContainerFailureException when the pod is gone or cannot be read, or from {@code step}
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    <T> Optional<T> until(String pod, Duration timeout, Duration maxInterval, Step<T> step)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = FIRST_INTERVAL.toMillis();
        while (true) {
            Pod current = read(pod);
            if (current == null) {
                throw new ContainerFailureException("pod " + pod + " was deleted");
            }
            Optional<T> value = step.check(current);
            if (value.isPresent()) {
                return value;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(interval, Math.max(1, left / 1_000_000)));
            interval = Math.min(maxInterval.toMillis(), interval * 3 / 2);
        }
    }

    /** {@link #get}, where an interrupt (fabric8 wraps it, and sets the flag again) is one. */
    private Pod read(String pod) throws InterruptedException {
        try {
            return get(pod);
        } catch (ContainerFailureException e) {
            boolean wrapped = e.getCause() != null && e.getCause().getCause() instanceof InterruptedException;
            if (Thread.interrupted() || wrapped) {
                InterruptedException interrupted = new InterruptedException("interrupted while reading pod " + pod);
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
    }

    /** The pod as the API server has it now; {@code null} when it is gone. */
    Pod get(String pod) {
        try {
            return cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).get();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot read pod " + pod + " (" + cluster.describe() + "): "
                    + e.getMessage(), e);
        }
    }
}
