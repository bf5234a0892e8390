package dev.ironbox.podman;

import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import dev.ironbox.core.error.ContainerFailureException;
import java.util.Map;

/**
 * Keeps an internal network's bridge, and so its gateway address, on the host for the network's whole life.
 *
 * <p>Engine-specific: Podman 4.3 with netavark creates a network's bridge when the first container joins and deletes
 * it when the last one leaves; until then the gateway address exists nowhere and a host process cannot bind to it.
 * The anchor is a pod ({@code <network>-anchor}) whose infra container joins the network and does nothing
 * ({@code catatonit -P}, from the {@code localhost/podman-pause} image Podman builds locally, offline). It carries
 * only the label {@value #LABEL}{@code =<network>}, not Ironbox's container labels: a container sweep must not try to
 * remove an infra container, which Podman refuses outside its pod. It is removed with the network.
 */
final class NetworkAnchor {

    /** Names the network a pod anchors. */
    static final String LABEL = "dev.ironbox.network.anchor";

    private final LibpodClient client;

    NetworkAnchor(LibpodClient client) {
        this.client = client;
    }

    static String podName(String network) {
        return network + "-anchor";
    }

    /**
     * Creates and starts the anchor of {@code network}; when that fails, removes whatever was made.
     *
     * @throws ContainerFailureException with the engine's reason
     */
    void start(String network) {
        String pod = podName(network);
        Map<String, Object> spec = Map.of(
                "name", pod,
                "labels", Map.of(LABEL, network),
                "netns", Map.of("nsmode", "bridge"),
                "Networks", Map.of(network, Map.of()));
        try {
            client.call(Method.POST, "/pods/create", spec, false).orThrow();
            Reply started = client.call(Method.POST, "/pods/" + LibpodClient.path(pod) + "/start", null, true);
            if (!started.ok() && started.status() != 304) {
                throw started.error();
            }
        } catch (LibpodException e) {
            ContainerFailureException failure = Errors.container("cannot start pod " + pod
                    + ", which keeps the gateway of network " + network + " on the host", e);
            PodmanNetworks.undo("remove pod " + pod, () -> remove(network), failure);
            throw failure;
        }
    }

    /** {@code DELETE pods/{name}?force=true}; a pod that is gone is fine. */
    void remove(String network) {
        String pod = podName(network);
        Reply reply;
        try {
            reply = client.call(Method.DELETE, "/pods/" + LibpodClient.path(pod) + "?force=true", null, true);
        } catch (LibpodException e) {
            throw Errors.container("cannot remove pod " + pod, e);
        }
        if (!reply.ok() && reply.status() != 404) {
            throw Errors.container("cannot remove pod " + pod, reply.error());
        }
    }
}
