package dev.ironbox.kubernetes.exec;

import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.pod.PodNames;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the API server did not start an exec, in one line. When it refuses the WebSocket upgrade (a pod that is not
 * running answers 400), the client's exception carries little more than the status code, so the pod itself is asked
 * what state it is in.
 */
final class ExecRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(ExecRefusal.class);

    private ExecRefusal() {}

    static String of(Cluster cluster, String pod, KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
            return "the pod is gone (" + PodExec.reason(e) + ")";
        }
        Optional<WebSocketHandshakeException> refused = handshake(e);
        if (refused.isEmpty()) {
            return PodExec.reason(e);
        }
        String refusal = "the API server refused the exec (HTTP "
                + (refused.get().getResponse() == null ? "?" : refused.get().getResponse().code()) + ")";
        try {
            Pod found = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).get();
            if (found == null) {
                return "the pod is gone";
            }
            return state(found).map(state -> "the pod is not running (" + state + ")").orElse(refusal);
        } catch (KubernetesClientException lookup) {
            LOG.debug("cannot look at pod {} after its exec was refused", pod, lookup);
            return refusal;
        }
    }

    /** The pod's phase and its sandbox container's state, unless both say it runs. */
    static Optional<String> state(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        ContainerState sandbox = containers.stream().filter(c -> PodNames.SANDBOX_CONTAINER.equals(c.getName()))
                .map(ContainerStatus::getState).filter(s -> s != null).findFirst().orElse(null);
        String container = null;
        if (sandbox != null && sandbox.getTerminated() != null) {
            container = "container " + PodNames.SANDBOX_CONTAINER + " terminated: "
                    + sandbox.getTerminated().getReason() + ", exit " + sandbox.getTerminated().getExitCode();
        } else if (sandbox != null && sandbox.getWaiting() != null) {
            container = "container " + PodNames.SANDBOX_CONTAINER + " waiting: " + sandbox.getWaiting().getReason();
        }
        if ("Running".equals(phase) && container == null) {
            return Optional.empty();
        }
        return Optional.of("phase " + phase + (container == null ? "" : "; " + container));
    }

    private static Optional<WebSocketHandshakeException> handshake(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
