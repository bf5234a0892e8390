package dev.ironbox.kubernetes.pod;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pod's status as the cluster reports it: a container's state, and the reasons a pod will never run (which
 * become one line quoting the cluster's own reason and message).
 */
final class PodStates {

    /**
     * Waiting reasons that do not heal by waiting longer within a run's schedule timeout: the image cannot be pulled
     * or named, or the runtime refused the container's configuration.
     */
    static final Set<String> FATAL_WAITING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private PodStates() {}

    /** The status of {@code container} (an init container or a regular one), when the kubelet reported it. */
    static Optional<ContainerStatus> container(Pod pod, String container) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        return concat(status.getInitContainerStatuses(), status.getContainerStatuses()).stream()
                .filter(s -> container.equals(s.getName())).findFirst();
    }

    static boolean running(Pod pod, String container) {
        return state(pod, container).map(ContainerState::getRunning).isPresent();
    }

    static Optional<io.fabric8.kubernetes.api.model.ContainerStateTerminated> terminated(Pod pod, String container) {
        return state(pod, container).map(ContainerState::getTerminated);
    }

    /**
     * Why {@code pod} will never get {@code container} running, in one line quoting the cluster: unschedulable, a
     * fatal waiting reason, the pod failed. Empty while it may still get there.
     */
    static Optional<String> problem(Pod pod, String container) {
        String name = pod.getMetadata().getName();
        Optional<PodCondition> unschedulable = conditions(pod).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst();
        if (unschedulable.isPresent()) {
            return Optional.of("pod " + name + " cannot be scheduled: Unschedulable" + detail(
                    unschedulable.get().getMessage()));
        }
        Optional<String> waiting = state(pod, container).map(ContainerState::getWaiting)
                .filter(w -> FATAL_WAITING.contains(w.getReason()))
                .map(w -> "pod " + name + " cannot start container " + container + ": " + w.getReason()
                        + detail(w.getMessage()));
        if (waiting.isPresent()) {
            return waiting;
        }
        if ("Failed".equals(phase(pod))) {
            PodStatus status = pod.getStatus();
            return Optional.of("pod " + name + " failed" + detail(join(status.getReason(), status.getMessage())));
        }
        return Optional.empty();
    }

    /** What the pod is at, for a timeout's message: {@code pod Pending, container sandbox ContainerCreating}. */
    static String progress(Pod pod, String container) {
        String waiting = state(pod, container).map(ContainerState::getWaiting)
                .map(w -> ", container " + container + " " + w.getReason() + detail(w.getMessage())).orElse("");
        String scheduling = conditions(pod).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> ", not scheduled" + detail(join(c.getReason(), c.getMessage()))).findFirst().orElse("");
        return "pod " + Optional.ofNullable(phase(pod)).orElse("without a phase") + scheduling + waiting;
    }

    /** {@code 2m}, {@code 90s}, {@code 500ms}: a duration as the settings write it. */
    static String human(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Optional<ContainerState> state(Pod pod, String container) {
        return container(pod, container).map(ContainerStatus::getState);
    }

    private static List<PodCondition> conditions(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
    }

    private static String join(String reason, String message) {
        if (reason == null || reason.isBlank()) {
            return message;
        }
        return message == null || message.isBlank() ? reason : reason + ": " + message;
    }

    private static String detail(String text) {
        return text == null || text.isBlank() ? "" : ": " + text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static List<ContainerStatus> concat(List<ContainerStatus> first, List<ContainerStatus> second) {
        return java.util.stream.Stream.of(first, second).filter(java.util.Objects::nonNull)
                .flatMap(List::stream).toList();
    }
}
