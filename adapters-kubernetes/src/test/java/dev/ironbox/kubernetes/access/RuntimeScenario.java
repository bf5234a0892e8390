package dev.ironbox.kubernetes.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSpec;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.ExitStatus;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.LogCollectionPort.LogFollow;
import dev.ironbox.kubernetes.KubernetesRuntimes;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.exec.ExecPaths;
import dev.ironbox.kubernetes.pod.PodNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The whole runtime through its ports, as the core drives a run, on the mock API server in CRUD mode: create (Lease,
 * default-deny policy, pod), follow, start (the feed init container gets the workspace's tar, then the sandbox's
 * attach writes "go"), exec without and with input, kill, awaitExit, listing, remove, reaping, the networks' listing
 * and removal, doctor's probe and notes, close. The test plays the kubelet: it sets the pod's statuses with a
 * {@link RecordedVerbs#setUpClient set-up client}, whose requests are not counted. Returns every access the
 * runtime's requests needed.
 */
final class RuntimeScenario {

    private static final String NS = "test";
    private static final Duration LONG = Duration.ofSeconds(30);

    private RuntimeScenario() {}

    static List<RecordedVerbs.Access> run(KubernetesMockServer server, KubernetesClient client) throws Exception {
        Path workspace = Files.createTempDirectory("ironbox-rbac");
        Files.writeString(workspace.resolve("hello.txt"), "hello\n");
        ContainerSpec spec = HardenedSpecs.forRun(RunRequest.builder().command(List.of("echo", "hi"))
                .workspace(workspace).image("alpine:3.19").build(), workspace);
        String pod = spec.name();
        ContainerId id = new ContainerId(pod);
        ExecSpec plain = ExecSpec.builder().command(List.of("true")).workingDir("/workspace").build();
        ExecSpec fed = ExecSpec.builder().command(List.of("cat")).workingDir("/workspace").build();
        byte[] input = "input".getBytes(StandardCharsets.UTF_8);
        String attach = "/api/v1/namespaces/" + NS + "/pods/" + pod + "/attach?container=";
        server.expect().get().withPath(attach + PodNames.FEED_CONTAINER + "&stdin=true").andUpgradeToWebSocket()
                .open().expect("never sent").andEmit(new StatusMessage(0)).once().done().once();
        server.expect().get().withPath(attach + PodNames.SANDBOX_CONTAINER + "&stdin=true&stdout=true&stderr=true")
                .andUpgradeToWebSocket().open()
                .expect("\u0000ping 1\n").andEmit(new OutputStreamMessage("\u001eironbox-ready 1\n")).once()
                .expect("\u0000go\n").andEmit(new OutputStreamMessage("hi\n")).once()
                .expectSentWebSocketMessage("\u0001hi\n").andEmit(new StatusMessage(0)).once().done().once();
        server.expect().get().withPath(ExecPaths.of(server, NS, pod, plain, OptionalLong.empty()))
                .andUpgradeToWebSocket().open().waitFor(10).andEmit(new StatusMessage(0)).done().once();
        server.expect().get().withPath(ExecPaths.of(server, NS, pod, fed, OptionalLong.of(input.length)))
                .andUpgradeToWebSocket().open().expect("\u0000input").andEmit(new StatusMessage(0)).once().done()
                .once();
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pod + "/exec?command=sh&command=-c"
                + "&command=kill%20-KILL%20-1&container=sandbox&stdout=true&stderr=true").andUpgradeToWebSocket()
                .open().waitFor(10).andEmit(new StatusMessage(0)).done().once();
        AccessReviews.answer(server, attributes -> false);
        Queue<OutputChunk> chunks = new ConcurrentLinkedQueue<>();
        List<RecordedVerbs.Access> accesses = new ArrayList<>();
        KubernetesClient kubelet = RecordedVerbs.setUpClient(client);
        KubernetesClient own = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        RecordedVerbs.drain(server);
        try (ContainerRuntime runtime = KubernetesRuntimes.on(new Cluster(own, NS, KubernetesSettings.DEFAULTS,
                false))) {
            assertThat(runtime.containers().create(spec)).isEqualTo(id);
            status(kubelet, pod, "Pending", List.of(running(PodNames.FEED_CONTAINER)), List.of());
            try (LogFollow follow = runtime.logs().follow(id, chunks::add)) {
                Future<?> started = starter.submit(() -> runtime.lifecycle().start(id));
                // the start waits for the feed's end: once its attach is open, the kubelet reports tar's exit 0
                accesses.addAll(until(server, request -> request.getPath().startsWith(attach
                        + PodNames.FEED_CONTAINER)));
                status(kubelet, pod, "Running", List.of(terminated(PodNames.FEED_CONTAINER, 0)),
                        List.of(running(PodNames.SANDBOX_CONTAINER)));
                started.get(LONG.toSeconds(), TimeUnit.SECONDS);
                assertThat(follow.awaitEnd(LONG)).isTrue();
            }
            assertThat(chunks).containsExactly(new OutputChunk(StreamType.STDOUT,
                    "hi\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(runtime.exec().exec(id, plain, chunks::add, LONG)).hasValue(0);
            assertThat(runtime.exec().exec(id, fed, new ByteArrayInputStream(input), chunks::add, LONG)).hasValue(0);
            runtime.lifecycle().kill(id); // the exec's kill -KILL -1; the mock's pod still runs: the deadline follows
            status(kubelet, pod, "Failed", List.of(terminated(PodNames.FEED_CONTAINER, 0)),
                    List.of(terminated(PodNames.SANDBOX_CONTAINER, 137)));
            assertThat(runtime.lifecycle().awaitExit(id, LONG)).contains(new ExitStatus(137, false));
            assertThat(runtime.lifecycle().listByLabel(OwnerLabels.MANAGED, "true")).containsExactly(id);
            assertThat(runtime.lifecycle().describeByLabel(HardenedSpecs.WORKSPACE_LABEL, "/not/a/label value"))
                    .isEmpty(); // a value that is no label: listed by the managed label, filtered by annotation
            assertThat(runtime.lifecycle().describeByLabel(OwnerLabels.MANAGED, "true")).hasSize(1);
            runtime.lifecycle().remove(id);
            runtime.reapExpiredOwners();
            runtime.networks().describeByLabel(OwnerLabels.MANAGED, "true");
            runtime.networks().remove("ironbox-net-1"); // gone already: fine
            runtime.engine().probe();
            runtime.engine().notes();
        } finally {
            starter.shutdownNow();
            kubelet.close();
        }
        accesses.addAll(RecordedVerbs.drain(server));
        return accesses;
    }

    /** Takes the recorded requests up to and including the first that {@code last} matches. */
    private static List<RecordedVerbs.Access> until(KubernetesMockServer server,
            java.util.function.Predicate<RecordedRequest> last) throws InterruptedException {
        List<RecordedVerbs.Access> accesses = new ArrayList<>();
        while (true) {
            RecordedRequest request = server.takeRequest(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).as("the request the scenario waits for").isNotNull();
            accesses.addAll(RecordedVerbs.accessesOf(request));
            if (last.test(request)) {
                return accesses;
            }
        }
    }

    private static void status(KubernetesClient kubelet, String pod, String phase, List<ContainerStatus> init,
            List<ContainerStatus> containers) {
        kubelet.pods().inNamespace(NS).withName(pod).editStatus(current -> new PodBuilder(current)
                .withStatus(new PodStatusBuilder().withPhase(phase).withInitContainerStatuses(init)
                        .withContainerStatuses(containers).build()).build());
    }

    private static ContainerStatus running(String container) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewRunning()
                .withStartedAt("2026-12-05T05:00:01Z").endRunning().endState().build();
    }

    private static ContainerStatus terminated(String container, int exitCode) {
        return new ContainerStatusBuilder().withName(container).withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").endTerminated().endState()
                .build();
    }
}
