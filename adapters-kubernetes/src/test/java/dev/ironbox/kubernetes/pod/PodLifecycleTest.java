package dev.ironbox.kubernetes.pod;

import static dev.ironbox.kubernetes.pod.PodNames.FEED_CONTAINER;
import static dev.ironbox.kubernetes.pod.PodNames.SANDBOX_CONTAINER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle on fabric8's mock API server (CRUD mode): the statuses a test stores drive start and awaitExit. */
@EnableKubernetesMockClient(crud = true)
class PodLifecycleTest {

    private static final Duration SCHEDULE_TIMEOUT = Duration.ofSeconds(1);

    KubernetesMockServer server;
    KubernetesClient client;

    private PodLifecycle lifecycle;

    @BeforeEach
    void lifecycle() {
        KubernetesSettings settings = new KubernetesSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                SCHEDULE_TIMEOUT, Optional.empty(), KubernetesSettings.DEFAULT_EPHEMERAL_STORAGE);
        lifecycle = new PodLifecycle(new Cluster(client, "test", settings, false), new PodRuns());
    }

    private void store(Pod pod, PodStatus status) {
        client.pods().inNamespace("test").resource(Pods.withStatus(pod, status)).create();
    }

    private Pod stored(String name) {
        return client.pods().inNamespace("test").withName(name).get();
    }

    @Test
    void anUnschedulablePodFailsTheStartQuotingTheScheduler() {
        store(Pods.pod("p1", true), Pods.status("Pending",
                List.of(Pods.unschedulable("0/1 nodes are available: 1 Insufficient memory.")), List.of(), List.of()));

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("p1")))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("pod p1 cannot be scheduled: Unschedulable: 0/1 nodes are available: 1 Insufficient"
                        + " memory.");
    }

    @Test
    void anImageThatCannotBePulledFailsTheStartQuotingTheKubelet() {
        store(Pods.pod("p2", true), Pods.status("Pending", List.of(),
                List.of(Pods.waiting(FEED_CONTAINER, "ImagePullBackOff", "Back-off pulling image \"nope:1\"")),
                List.of()));

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("p2")))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("pod p2 cannot start container ironbox-feed: ImagePullBackOff: Back-off pulling image"
                        + " \"nope:1\"");
    }

    @Test
    void aSandboxImagePullErrorFailsTheStartOfAPodWithoutFeed() {
        store(Pods.pod("p3", false), Pods.status("Pending",
                Pods.waiting(SANDBOX_CONTAINER, "ErrImagePull", "manifest unknown")));

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("p3")))
                .hasMessage("pod p3 cannot start container sandbox: ErrImagePull: manifest unknown");
    }

    @Test
    void aPodThatDoesNotRunWithinTheScheduleTimeoutFailsSayingWhatItWaitedFor() {
        store(Pods.pod("p4", false), Pods.status("Pending",
                Pods.waiting(SANDBOX_CONTAINER, "ContainerCreating", null)));

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("p4")))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("the pod was not running after 1s: waiting for container sandbox of pod p4 to run"
                        + " (pod Pending, container sandbox ContainerCreating)");
    }

    @Test
    void startingADeletedPodFails() {
        assertThatThrownBy(() -> lifecycle.start(new ContainerId("gone")))
                .isInstanceOf(ContainerFailureException.class).hasMessage("pod gone was deleted");
    }

    @Test
    void aFedPodNotCreatedByThisInstanceCannotBeFed() {
        store(Pods.pod("p5", true), Pods.status("Pending", List.of(), List.of(Pods.running(FEED_CONTAINER)),
                List.of()));

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("p5")))
                .hasMessageContaining("was not created by this Ironbox instance");
    }

    @Test
    void theExitCodeComesFromTheSandboxContainersTerminatedState() throws InterruptedException {
        store(Pods.pod("p6", false), Pods.status("Failed", Pods.terminated(SANDBOX_CONTAINER, 3, "Error", null)));

        assertThat(lifecycle.awaitExit(new ContainerId("p6"), Duration.ofSeconds(5)))
                .contains(new ExitStatus(3, false));
    }

    @Test
    void oomKilledIsReportedAsOom() throws InterruptedException {
        store(Pods.pod("p7", false), Pods.status("Failed",
                Pods.terminated(SANDBOX_CONTAINER, 137, "OOMKilled", null)));

        assertThat(lifecycle.awaitExit(new ContainerId("p7"), Duration.ofSeconds(5)))
                .contains(new ExitStatus(137, true));
    }

    @Test
    void aRunningPodHasNoExitBeforeTheTimeout() throws InterruptedException {
        store(Pods.pod("p8", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));

        assertThat(lifecycle.awaitExit(new ContainerId("p8"), Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void anInterruptedWaitThrowsInterruptedException() {
        store(Pods.pod("p18", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lifecycle.awaitExit(new ContainerId("p18"), Duration.ofSeconds(30)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void aDeletedPodHasNoExitStatusButAnError() {
        assertThatThrownBy(() -> lifecycle.awaitExit(new ContainerId("gone"), Duration.ofSeconds(5)))
                .isInstanceOf(ContainerFailureException.class).hasMessage("pod gone was deleted");
    }

    @Test
    void anEvictedPodFailsTheWaitQuotingTheKubelet() {
        PodStatus status = Pods.status("Failed", Pods.running(SANDBOX_CONTAINER));
        status.setReason("Evicted");
        status.setMessage("The node was low on resource: memory.");
        store(Pods.pod("p9", false), status);

        assertThatThrownBy(() -> lifecycle.awaitExit(new ContainerId("p9"), Duration.ofSeconds(5)))
                .hasMessage("pod p9 failed: Evicted: The node was low on resource: memory.");
    }

    @Test
    void aPodEndedAtItsDeadlineWasKilled() throws InterruptedException {
        PodStatus status = Pods.status("Failed", Pods.running(SANDBOX_CONTAINER));
        status.setReason("DeadlineExceeded");
        store(Pods.pod("p10", false), status);

        assertThat(lifecycle.awaitExit(new ContainerId("p10"), Duration.ofSeconds(5)))
                .contains(new ExitStatus(137, false));
    }

    @Test
    void aCommandThatTrappedTheDeadlinesTermAndExitedZeroWasStillKilled() throws InterruptedException {
        // the kubelet ends a pod at its deadline with TERM first: a trap can exit 0, but only a kill sets the deadline
        PodStatus status = Pods.status("Failed", Pods.terminated(SANDBOX_CONTAINER, 0, "Completed", null));
        status.setReason("DeadlineExceeded");
        store(Pods.pod("p10b", false), status);

        assertThat(lifecycle.awaitExit(new ContainerId("p10b"), Duration.ofSeconds(5)))
                .contains(new ExitStatus(137, false));
    }

    @Test
    void removeDeletesThePodAndAGonePodIsFine() {
        store(Pods.pod("p11", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));

        lifecycle.remove(new ContainerId("p11"));
        lifecycle.remove(new ContainerId("p11"));

        assertThat(stored("p11")).isNull();
    }

    @Test
    void killingAPodThatIsNotRunningYetSetsItsDeadline() {
        store(Pods.pod("p12", false), Pods.status("Pending", Pods.waiting(SANDBOX_CONTAINER, "ContainerCreating",
                null)));

        lifecycle.kill(new ContainerId("p12"));

        assertThat(stored("p12").getSpec().getActiveDeadlineSeconds()).isEqualTo(1L);
    }

    @Test
    void killingARunningPodExecsKillAllThenSetsTheDeadlineWhenItStillRuns() throws InterruptedException {
        store(Pods.pod("p17", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/p17/exec?command=sh&command=-c"
                + "&command=kill%20-KILL%20-1&container=sandbox&stdout=true&stderr=true").andUpgradeToWebSocket().open()
                .waitFor(10).andEmit(new StatusMessage(0)).done().once();

        lifecycle.kill(new ContainerId("p17"));

        // the mock's pod keeps running after the exec: the deadline follows
        assertThat(stored("p17").getSpec().getActiveDeadlineSeconds()).isEqualTo(1L);
        List<String> paths = new java.util.ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            paths.add(server.takeRequest().getPath());
        }
        assertThat(paths).anyMatch(path -> path.startsWith("/api/v1/namespaces/test/pods/p17/exec?command=sh"));
    }

    @Test
    void killingARunningPodWhoseExecFailsFallsBackToTheDeadline() {
        // the mock server has no exec: the kill -KILL -1 fails, the deadline does it
        store(Pods.pod("p13", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));

        lifecycle.kill(new ContainerId("p13"));

        assertThat(stored("p13").getSpec().getActiveDeadlineSeconds()).isEqualTo(1L);
    }

    @Test
    void killingAnEndedOrGonePodIsNotAnError() {
        store(Pods.pod("p14", false), Pods.status("Succeeded", Pods.terminated(SANDBOX_CONTAINER, 0, "Completed",
                null)));

        lifecycle.kill(new ContainerId("p14"));
        lifecycle.kill(new ContainerId("gone"));

        assertThat(stored("p14").getSpec().getActiveDeadlineSeconds()).isNull();
    }

    @Test
    void podsAreListedByLabelSelectorOrByAnnotationWhenTheValueIsNoLabel() {
        Map<String, String> labels = Map.of("dev.ironbox.managed", "true", "dev.ironbox.session", "s1");
        Map<String, String> annotations = Map.of("dev.ironbox.managed", "true", "dev.ironbox.session", "s1",
                "dev.ironbox.workspace", "/home/me/project");
        store(Pods.pod("p15", false, labels, annotations), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        store(Pods.pod("p16", false, Map.of("dev.ironbox.managed", "true"), Map.of("dev.ironbox.managed", "true")),
                Pods.status("Pending"));

        assertThat(lifecycle.listByLabel("dev.ironbox.session", "s1")).containsExactly(new ContainerId("p15"));
        assertThat(lifecycle.listByLabel("dev.ironbox.managed", "true")).hasSize(2);
        assertThat(lifecycle.describeByLabel("dev.ironbox.workspace", "/home/me/project")).containsExactly(
                new ContainerSummary(new ContainerId("p15"), "p15", Pods.IMAGE, List.of("echo", "hi"),
                        Instant.parse(stored("p15").getMetadata().getCreationTimestamp()), true, annotations));
        assertThat(lifecycle.describeByLabel("dev.ironbox.managed", "true")).filteredOn(s -> s.name().equals("p16"))
                .singleElement().satisfies(s -> assertThat(s.running()).isFalse());
    }
}
