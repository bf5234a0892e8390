package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.kubernetes.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds Ironbox's pods by one of their spec labels and describes them as core summaries. Every spec label is a pod
 * annotation verbatim, and a pod label too when it is valid label syntax: a label selector finds those; any other
 * value (a path, say) is found by listing the managed pods and reading their annotations.
 */
final class PodListing {


    private final Cluster cluster;

    PodListing(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Pods whose spec label {@code key} is {@code value}. */
    List<Pod> find(String key, String value) {
        try {
            var pods = cluster.client().pods().inNamespace(cluster.namespace());
            if (PodLabels.isLabel(key, value)) {
                return pods.withLabel(key, value).list().getItems();
            }
            return pods.withLabel(OwnerLabels.MANAGED, "true").list().getItems().stream()
                    .filter(pod -> value.equals(labels(pod).get(key))).toList();
        } catch (KubernetesClientException e) {
            throw new ContainerFailureException("cannot list the pods labelled " + key + "=" + value + " ("
                    + cluster.describe() + "): " + e.getMessage(), e);
        }
    }

    /**
     * {@code pod} as {@code ps} shows a container: its name (also its id), the sandbox container's image and command
     * (without the gate: what the user asked to run), creation time, whether the sandbox container runs now (a pending
     * pod is "created", a finished one "exited", as on the engines), and its spec labels.
     */
    static ContainerSummary summary(Pod pod) {
        String name = pod.getMetadata().getName();
        Container sandbox = pod.getSpec() == null || pod.getSpec().getContainers() == null ? null
                : pod.getSpec().getContainers().stream().filter(c -> PodNames.SANDBOX_CONTAINER.equals(c.getName()))
                        .findFirst().orElse(null);
        String image = sandbox == null ? "" : Objects.requireNonNullElse(sandbox.getImage(), "");
        List<String> command = sandbox == null ? List.of() : command(sandbox);
        return new ContainerSummary(new ContainerId(name), name, image, command,
                created(pod.getMetadata().getCreationTimestamp()),
                PodStates.running(pod, PodNames.SANDBOX_CONTAINER), labels(pod));
    }

    /** The spec labels of {@code pod}, rebuilt from its annotations ({@link PodLabels#specLabels}). */
    static Map<String, String> labels(Pod pod) {
        return PodLabels.specLabels(pod.getMetadata().getAnnotations());
    }

    /** The argv the user asked for: the gate's {@code sh -c GATE ironbox argv...} without its first four words. */
    private static List<String> command(Container sandbox) {
        List<String> all = new ArrayList<>();
        if (sandbox.getCommand() != null) {
            all.addAll(sandbox.getCommand());
        }
        if (sandbox.getArgs() != null) {
            all.addAll(sandbox.getArgs());
        }
        boolean gated = all.size() >= 4 && "sh".equals(all.get(0)) && "-c".equals(all.get(1))
                && "ironbox".equals(all.get(3));
        return gated ? List.copyOf(all.subList(4, all.size())) : all;
    }

    private static Instant created(String timestamp) {
        if (timestamp == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
