package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.ContainerSpec;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.List;
import java.util.Map;

/** Pods as the tests store them on the mock API server, and the statuses the kubelet would give them. */
final class Pods {

    static final String IMAGE = "alpine:3.19";

    private Pods() {}

    /** A spec as the creation would have been given it (the start reads only its name and binds). */
    static ContainerSpec spec(String name) {
        return ContainerSpec.builder().name(name).image(IMAGE).workingDir("/").user("1000:1000")
                .readOnlyRootfs(true).noNewPrivileges(true).memoryBytes(1L << 28).memorySwapBytes(1L << 28)
                .nanoCpus(1_000_000_000L).pidsLimit(256).init(true).networkMode("none").command(List.of("true"))
                .build();
    }

    /** A pod of Ironbox's shape: the gated sandbox container, with the feed init container when {@code fed}. */
    static Pod pod(String name, boolean fed, Map<String, String> labels, Map<String, String> annotations) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(annotations).withCreationTimestamp("2026-12-05T05:00:00Z").endMetadata()
                .withNewSpec().addNewContainer().withName(PodNames.SANDBOX_CONTAINER).withImage(IMAGE)
                .withCommand("sh", "-c", "read line; [ \"$line\" = go ] && exec \"$@\" </dev/null", "ironbox",
                        "echo", "hi")
                .endContainer().endSpec();
        if (fed) {
            builder.editSpec().addNewInitContainer().withName(PodNames.FEED_CONTAINER).withImage(IMAGE)
                    .withCommand("tar", "-x", "-f", "-", "-C", PodNames.FEED_ROOT).endInitContainer().endSpec();
        }
        return builder.build();
    }

    static Pod pod(String name, boolean fed) {
        return pod(name, fed, Map.of(), Map.of());
    }

    static Pod withStatus(Pod pod, PodStatus status) {
        return new PodBuilder(pod).withStatus(status).build();
    }

    static PodStatus status(String phase, List<PodCondition> conditions, List<ContainerStatus> init,
            List<ContainerStatus> containers) {
        return new PodStatusBuilder().withPhase(phase).withConditions(conditions).withInitContainerStatuses(init)
                .withContainerStatuses(containers).build();
    }

    static PodStatus status(String phase, ContainerStatus... containers) {
        return status(phase, List.of(), List.of(), List.of(containers));
    }

    static PodCondition unschedulable(String message) {
        return new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message).build();
    }

    static ContainerStatus waiting(String container, String reason, String message) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewWaiting().withReason(reason)
                .withMessage(message).endWaiting().endState().build();
    }

    static ContainerStatus running(String container) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewRunning()
                .withStartedAt("2026-12-05T05:00:01Z").endRunning().endState().build();
    }

    static ContainerStatus terminated(String container, int exitCode, String reason, String message) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(reason).withMessage(message).endTerminated().endState().build();
    }
}
