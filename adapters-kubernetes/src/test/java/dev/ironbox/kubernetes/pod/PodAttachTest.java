package dev.ironbox.kubernetes.pod;

import static dev.ironbox.kubernetes.pod.PodNames.FEED_CONTAINER;
import static dev.ironbox.kubernetes.pod.PodNames.SANDBOX_CONTAINER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start's attaches over the mock API server's WebSocket: the feed gets the tar, then the sandbox gets "go" only
 * after its streams are attached, and what it writes reaches the follow's sink as stdout and stderr apart.
 */
@EnableKubernetesMockClient(crud = true)
class PodAttachTest {

    private static final String NS = "test";
    private static final String SANDBOX_ATTACH = "/api/v1/namespaces/test/pods/%s/attach?container=sandbox&stdin=true"
            + "&stdout=true&stderr=true";

    KubernetesMockServer server;
    KubernetesClient client;

    private final PodRuns runs = new PodRuns();
    private final Queue<OutputChunk> chunks = new ConcurrentLinkedQueue<>();
    private Cluster cluster;

    @BeforeEach
    void cluster() {
        cluster = new Cluster(client, NS, KubernetesSettings.DEFAULTS, false);
    }


    private void store(Pod pod, PodStatus status) {
        client.pods().inNamespace(NS).resource(Pods.withStatus(pod, status)).create();
    }

    private static final String READY = "\u001eironbox-ready ";

    /**
     * The sandbox's gate answers ping 1 with its marker, then "go" with one chunk on stdout, one on stderr, then its
     * exit status (the stream's end).
     */
    private void sandboxAnswersGo(String pod) {
        server.expect().get().withPath(String.format(SANDBOX_ATTACH, pod)).andUpgradeToWebSocket().open()
                .expect("\u0000ping 1\n").andEmit(new OutputStreamMessage(READY + "1\n")).once()
                .expect("\u0000go\n").andEmit(new OutputStreamMessage("out 1")).once()
                .expectSentWebSocketMessage("\u0001out 1").andEmit(new ErrorStreamMessage("err 1")).once()
                .expectSentWebSocketMessage("\u0002err 1").andEmit(new StatusMessage(0)).once()
                .done().once();
    }

    @Test
    void theCommandIsReleasedOnlyOnTheFollowedAttachAndItsStreamsArriveApart() throws InterruptedException {
        store(Pods.pod("r1", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        runs.created("r1", Pods.spec("r1"));
        sandboxAnswersGo("r1");
        PodLifecycle lifecycle = new PodLifecycle(cluster, runs);

        try (LogFollow follow = new PodLogs(cluster, runs).follow(new ContainerId("r1"), chunks::add)) {
            lifecycle.start(new ContainerId("r1"));

            assertThat(follow.awaitEnd(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(chunks).containsExactly(
                new OutputChunk(StreamType.STDOUT, "out 1".getBytes(StandardCharsets.UTF_8)),
                new OutputChunk(StreamType.STDERR, "err 1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMarkerLostBeforeStdoutWasConnectedDelaysGoUntilTheNextAndNoMarkerReachesTheSink()
            throws InterruptedException {
        store(Pods.pod("r6", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        runs.created("r6", Pods.spec("r6"));
        // ping 1's marker went out before containerd added the stdout writer: only its cut tail arrives
        server.expect().get().withPath(String.format(SANDBOX_ATTACH, "r6")).andUpgradeToWebSocket().open()
                .expect("\u0000ping 1\n").andEmit(new OutputStreamMessage("ady 1\n")).once()
                .expect("\u0000ping 2\n").andEmit(new OutputStreamMessage(READY + "2\n")).once()
                .expect("\u0000go\n").andEmit(new OutputStreamMessage("first bytes")).once()
                .expectSentWebSocketMessage("\u0001first bytes").andEmit(new StatusMessage(0)).once()
                .done().once();
        PodLifecycle lifecycle = new PodLifecycle(cluster, runs);

        try (LogFollow follow = new PodLogs(cluster, runs).follow(new ContainerId("r6"), chunks::add)) {
            lifecycle.start(new ContainerId("r6"));

            assertThat(follow.awaitEnd(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(chunks).containsExactly(
                new OutputChunk(StreamType.STDOUT, "first bytes".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGateThatNeverAnswersFailsTheStartWithoutReleasingTheCommand() {
        store(Pods.pod("r7", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        runs.created("r7", Pods.spec("r7"));
        server.expect().get().withPath(String.format(SANDBOX_ATTACH, "r7")).andUpgradeToWebSocket().open()
                .expect("\u0000go\n").andEmit(new OutputStreamMessage("released")).always().done().once();
        KubernetesSettings shortTimeout = new KubernetesSettings(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), Duration.ofMillis(500),
                java.util.Optional.empty(), KubernetesSettings.DEFAULT_EPHEMERAL_STORAGE);
        Cluster impatient = new Cluster(client, NS, shortTimeout, false);
        LogFollow follow = new PodLogs(impatient, runs).follow(new ContainerId("r7"), chunks::add);

        assertThatThrownBy(() -> new PodLifecycle(impatient, runs).start(new ContainerId("r7")))
                .hasMessageStartingWith("cannot start the command in pod r7: its gate did not answer on the attach's"
                        + " standard output within the schedule timeout");
        follow.close();
        assertThat(chunks).isEmpty();
    }

    @Test
    void anAttachThatBreaksMakesTheFollowFailInsteadOfEndingQuietly() {
        PodRuns.Run run = new PodRuns.Run(Pods.spec("r8"));
        PodFollow follow = run.follow(chunks::add);

        PodAttach.ended("r8", follow).onFailure(new java.io.IOException("connection reset"), null);

        assertThatThrownBy(() -> follow.awaitEnd(Duration.ofSeconds(5)))
                .isInstanceOf(dev.ironbox.core.error.ContainerFailureException.class)
                .hasMessage("the output of pod r8 is incomplete: its attach broke before the container ended:"
                        + " connection reset");
    }

    @Test
    void aConnectionCutAfterTheSuccessStatusLostNothing() throws InterruptedException {
        PodFollow follow = new PodRuns.Run(Pods.spec("r10")).follow(chunks::add);
        var listener = PodAttach.ended("r10", follow);

        listener.onExit(0, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Success").build());
        listener.onFailure(new java.io.IOException("connection reset by a proxy"), null);

        assertThat(follow.awaitEnd(Duration.ZERO)).isTrue();
    }

    @Test
    void aStatusSayingTheAttachFailedIsOutputLostEvenWhenTheSocketClosesCleanly() {
        PodFollow follow = new PodRuns.Run(Pods.spec("r11")).follow(chunks::add);
        var listener = PodAttach.ended("r11", follow);

        listener.onExit(-1, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure")
                .withMessage("error attaching to container: container is in CONTAINER_EXITED state").build());
        listener.onClose(1000, "");

        assertThatThrownBy(() -> follow.awaitEnd(Duration.ofSeconds(5)))
                .isInstanceOf(dev.ironbox.core.error.ContainerFailureException.class)
                .hasMessageContaining("the output of pod r11 is incomplete")
                .hasMessageContaining("error attaching to container");
    }

    @Test
    void anAttachClosedByItsFollowIsNoFailure() throws InterruptedException {
        PodFollow follow = new PodRuns.Run(Pods.spec("r9")).follow(chunks::add);
        follow.close();

        PodAttach.ended("r9", follow).onFailure(new java.io.IOException("closed"), null);

        assertThat(follow.awaitEnd(Duration.ZERO)).isTrue();
    }

    @Test
    void theFeedGetsTheTarAndEndsBeforeTheSandboxIsReleased() throws InterruptedException {
        Pod pod = Pods.pod("r2", true);
        store(pod, Pods.status("Pending", List.of(), List.of(Pods.running(FEED_CONTAINER)), List.of()));
        runs.created("r2", Pods.spec("r2"));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/r2/attach?container=ironbox-feed&stdin=true")
                .andUpgradeToWebSocket().open().expect("\u0000TAR").andEmit(new StatusMessage(0)).once().done().once();
        sandboxAnswersGo("r2");
        List<String> fed = new java.util.ArrayList<>();
        PodLifecycle lifecycle = new PodLifecycle(cluster, runs, (spec, limit, out) -> {
            out.write("TAR".getBytes(StandardCharsets.US_ASCII));
            fed.add(spec.name() + " within " + limit);
            // what the kubelet reports once tar read its end of file: the feed ended, the sandbox runs
            client.pods().inNamespace(NS).resource(Pods.withStatus(client.pods().inNamespace(NS).withName("r2").get(),
                    Pods.status("Running", List.of(), List.of(Pods.terminated(FEED_CONTAINER, 0, "Completed", null)),
                            List.of(Pods.running(SANDBOX_CONTAINER))))).updateStatus();
        });

        try (LogFollow follow = new PodLogs(cluster, runs).follow(new ContainerId("r2"), chunks::add)) {
            lifecycle.start(new ContainerId("r2"));
            assertThat(follow.awaitEnd(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(fed).containsExactly("r2 within " + KubernetesSettings.DEFAULT_EPHEMERAL_STORAGE);
        assertThat(chunks).hasSize(2);
    }

    @Test
    void theStartsWaitsShareOneScheduleTimeout() {
        store(Pods.pod("r10", true), Pods.status("Pending", List.of(), List.of(Pods.running(FEED_CONTAINER)),
                List.of()));
        runs.created("r10", Pods.spec("r10"));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/r10/attach?container=ironbox-feed&stdin=true")
                .andUpgradeToWebSocket().open().expect("\u0000TAR").andEmit(new StatusMessage(0)).once().done().once();
        KubernetesSettings oneSecond = new KubernetesSettings(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), Duration.ofSeconds(1), java.util.Optional.empty(),
                KubernetesSettings.DEFAULT_EPHEMERAL_STORAGE);
        Cluster impatient = new Cluster(client, NS, oneSecond, false);
        int[] requestsAfterTheCopy = new int[1];
        PodLifecycle lifecycle = new PodLifecycle(impatient, runs, (spec, limit, out) -> {
            out.write("TAR".getBytes(StandardCharsets.US_ASCII));
            client.pods().inNamespace(NS).resource(Pods.withStatus(client.pods().inNamespace(NS).withName("r10").get(),
                    Pods.status("Pending", List.of(), List.of(Pods.terminated(FEED_CONTAINER, 0, "Completed", null)),
                            List.of(Pods.waiting(SANDBOX_CONTAINER, "ContainerCreating", null))))).updateStatus();
            try {
                Thread.sleep(1200); // a copy that took the whole schedule timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            requestsAfterTheCopy[0] = server.getRequestCount();
        });

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("r10")))
                .hasMessage("the pod was not running after 1s: waiting for container sandbox of pod r10 to run"
                        + " (pod Pending, container sandbox ContainerCreating)");
        // the budget was spent: one look at the feed's end and one at the sandbox, no second timeout of polling
        assertThat(server.getRequestCount() - requestsAfterTheCopy[0]).isEqualTo(2);
    }

    @Test
    void aFeedThatFailsQuotesTarsExit() {
        store(Pods.pod("r3", true), Pods.status("Pending", List.of(), List.of(Pods.running(FEED_CONTAINER)),
                List.of()));
        runs.created("r3", Pods.spec("r3"));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/r3/attach?container=ironbox-feed&stdin=true")
                .andUpgradeToWebSocket().open().expect("\u0000TAR").andEmit(new StatusMessage(0)).once().done().once();
        PodLifecycle lifecycle = new PodLifecycle(cluster, runs, (spec, limit, out) -> {
            out.write("TAR".getBytes(StandardCharsets.US_ASCII));
            client.pods().inNamespace(NS).resource(Pods.withStatus(client.pods().inNamespace(NS).withName("r3").get(),
                    Pods.status("Failed", List.of(), List.of(Pods.terminated(FEED_CONTAINER, 2, "Error",
                            "tar: short read")), List.of()))).updateStatus();
        });

        assertThatThrownBy(() -> lifecycle.start(new ContainerId("r3")))
                .hasMessage("the workspace copy into pod r3 failed: tar exited 2: Error: tar: short read");
    }

    @Test
    void aSessionsStartWritesGoAndLetsTheAttachGo() throws InterruptedException {
        store(Pods.pod("r4", false), Pods.status("Running", Pods.running(SANDBOX_CONTAINER)));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/r4/attach?container=sandbox&stdin=true")
                .andUpgradeToWebSocket().open().expect("\u0000go\n").andEmit(new StatusMessage(0)).once().done().once();

        new PodLifecycle(cluster, runs).start(new ContainerId("r4"));

        assertThat(server.getLastRequest().getPath()).startsWith("/api/v1/namespaces/test/pods/r4/attach");
    }

    @Test
    void aFailedStartEndsTheFollow() throws InterruptedException {
        store(Pods.pod("r5", false), Pods.status("Pending", Pods.waiting(SANDBOX_CONTAINER, "ErrImagePull", "no")));
        runs.created("r5", Pods.spec("r5"));
        LogFollow follow = new PodLogs(cluster, runs).follow(new ContainerId("r5"), chunks::add);

        assertThatThrownBy(() -> new PodLifecycle(cluster, runs).start(new ContainerId("r5")))
                .hasMessageContaining("ErrImagePull");
        assertThat(follow.awaitEnd(Duration.ZERO)).isTrue();
    }
}
