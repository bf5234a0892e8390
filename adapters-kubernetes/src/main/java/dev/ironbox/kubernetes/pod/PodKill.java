package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a pod's command. Kubernetes has no "kill this container" call: an exec of {@code kill -KILL -1} in the sandbox
 * container reaches every process of the sandbox's user (the pod shares one process namespace, whose PID 1 is the
 * pause container, which the sandbox user cannot signal; Linux spares the caller of {@code kill(-1)}). When that exec
 * fails or the container still runs a few seconds later, the pod's {@code activeDeadlineSeconds} becomes 1 and the
 * kubelet kills it.
 */
final class PodKill {

    private static final Logger LOG = LoggerFactory.getLogger(PodKill.class);
    /** {@code kill} as the shell's builtin: every POSIX sh has it, not every image has {@code /bin/kill}. */
    static final String[] KILL_ALL = {"sh", "-c", "kill -KILL -1"};
    static final Duration GRACE = Duration.ofSeconds(3);

    private final Cluster cluster;
    private final PodPoller poller;

    PodKill(Cluster cluster, PodPoller poller) {
        this.cluster = cluster;
        this.poller = poller;
    }

    /** @throws ContainerFailureException when neither the exec nor the deadline could be applied */
    void kill(String pod) {
        Pod current = poller.get(pod);
        if (current == null || ended(current)) {
            return;
        }
        if (PodStates.running(current, PodNames.SANDBOX_CONTAINER) && killAll(pod)) {
            try {
                if (poller.until(pod, GRACE, GRACE, p -> ended(p) ? Optional.of(p) : Optional.empty()).isPresent()) {
                    return;
                }
            } catch (ContainerFailureException e) {
                return; // gone meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        expire(pod);
    }

    private boolean killAll(String pod) {
        try (ExecWatch watch = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod)
                .inContainer(PodNames.SANDBOX_CONTAINER).withReadyWaitTimeout(0)
                .writingOutput(OutputStream.nullOutputStream()).writingError(OutputStream.nullOutputStream())
                .exec(KILL_ALL)) {
            Integer code = watch.exitCode().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return code != null && code == 0;
        } catch (KubernetesClientException | ExecutionException | TimeoutException e) {
            LOG.debug("kill -KILL -1 in pod {} failed; setting its deadline instead", pod, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The cluster-side kill: a deadline of 1 s (it may only be set or lowered, which this is). */
    private void expire(String pod) {
        try {
            cluster.client().pods().inNamespace(cluster.namespace()).withName(pod)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"activeDeadlineSeconds\":1}}");
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw new ContainerFailureException("cannot kill pod " + pod + ": " + e.getMessage(), e);
        }
    }

    private static boolean ended(Pod pod) {
        String phase = PodStates.phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase)
                || PodStates.terminated(pod, PodNames.SANDBOX_CONTAINER).isPresent();
    }
}
