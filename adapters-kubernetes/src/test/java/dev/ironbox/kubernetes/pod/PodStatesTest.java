package dev.ironbox.kubernetes.pod;

import static dev.ironbox.kubernetes.pod.PodNames.FEED_CONTAINER;
import static dev.ironbox.kubernetes.pod.PodNames.SANDBOX_CONTAINER;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodStatesTest {

    private static final Pod POD = Pods.pod("ironbox-1", true);

    @Test
    void anUnschedulablePodQuotesTheSchedulersReasonAndMessage() {
        Pod pod = Pods.withStatus(POD, Pods.status("Pending",
                List.of(Pods.unschedulable("0/3 nodes are available: 3 Insufficient memory.")), List.of(), List.of()));

        assertThat(PodStates.problem(pod, FEED_CONTAINER)).contains("pod ironbox-1 cannot be scheduled: Unschedulable:"
                + " 0/3 nodes are available: 3 Insufficient memory.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
            "CreateContainerError", "RunContainerError"})
    void aFatalWaitingReasonIsQuotedWithItsMessage(String reason) {
        Pod pod = Pods.withStatus(POD, Pods.status("Pending", List.of(),
                List.of(Pods.waiting(FEED_CONTAINER, reason, "rpc error:\n  not found")), List.of()));

        assertThat(PodStates.problem(pod, FEED_CONTAINER))
                .contains("pod ironbox-1 cannot start container ironbox-feed: " + reason + ": rpc error: not found");
    }

    @Test
    void aPodOnItsWayHasNoProblemAndSaysWhereItIs() {
        Pod pod = Pods.withStatus(POD, Pods.status("Pending", List.of(), List.of(),
                List.of(Pods.waiting(SANDBOX_CONTAINER, "ContainerCreating", null))));

        assertThat(PodStates.problem(pod, SANDBOX_CONTAINER)).isEmpty();
        assertThat(PodStates.progress(pod, SANDBOX_CONTAINER))
                .isEqualTo("pod Pending, container sandbox ContainerCreating");
    }

    @Test
    void aFailedPodQuotesItsReason() {
        Pod pod = Pods.withStatus(POD, Pods.status("Failed", List.of(), List.of(), List.of()));
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: ephemeral-storage.");

        assertThat(PodStates.problem(pod, SANDBOX_CONTAINER))
                .contains("pod ironbox-1 failed: Evicted: The node was low on resource: ephemeral-storage.");
    }

    @Test
    void statesOfOneContainerAreReadFromInitAndRegularStatuses() {
        Pod pod = Pods.withStatus(POD, Pods.status("Running", List.of(),
                List.of(Pods.terminated(FEED_CONTAINER, 0, "Completed", null)),
                List.of(Pods.running(SANDBOX_CONTAINER))));

        assertThat(PodStates.running(pod, SANDBOX_CONTAINER)).isTrue();
        assertThat(PodStates.running(pod, FEED_CONTAINER)).isFalse();
        assertThat(PodStates.terminated(pod, FEED_CONTAINER)).hasValueSatisfying(t -> assertThat(t.getExitCode())
                .isZero());
    }

    @Test
    void durationsReadAsTheSettingsWriteThem() {
        assertThat(PodStates.human(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(PodStates.human(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(PodStates.human(Duration.ofMillis(300))).isEqualTo("300ms");
    }
}
