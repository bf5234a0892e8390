package dev.ironbox.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort.ExecExit;
import dev.ironbox.kubernetes.cluster.Cluster;
import dev.ironbox.kubernetes.cluster.KubernetesSettings;
import dev.ironbox.kubernetes.pod.PodNames;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import io.fabric8.mockwebserver.dsl.EventDoneable;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@EnableKubernetesMockClient(crud = true, https = false)
class PodExecTest {

    private static final ContainerId POD = new ContainerId("ironbox-test");
    private static final Duration LONG = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;

    private PodExec exec;
    private final List<OutputChunk> chunks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void runningPod() {
        client.pods().inNamespace("test").resource(new PodBuilder()
                .withNewMetadata().withName(POD.value()).endMetadata()
                .withNewSpec().addNewContainer().withName(PodNames.SANDBOX_CONTAINER).endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus()
                .build()).create();
        exec = new PodExec(new Cluster(client, "test", KubernetesSettings.DEFAULTS, false));
    }

    @Test
    void outputArrivesOnItsOwnStreamAndTheStatusChannelGivesExitZero() throws Exception {
        ExecSpec spec = spec("echo");
        expectExec(spec, OptionalLong.empty()).open()
                .waitFor(10).andEmit(new OutputStreamMessage("out"))
                .waitFor(10).andEmit(new ErrorStreamMessage("err"))
                .waitFor(10).andEmit(new StatusMessage(0))
                .done().always();

        OptionalInt code = exec.exec(POD, spec, chunks::add, LONG);

        assertThat(code).hasValue(0);
        assertThat(text(StreamType.STDOUT)).isEqualTo("out");
        assertThat(text(StreamType.STDERR)).isEqualTo("err");
    }

    @Test
    void aNonZeroExitCodeComesFromTheStatusCause() throws Exception {
        ExecSpec spec = spec("false");
        expectExec(spec, OptionalLong.empty()).open()
                .waitFor(10).andEmit(new StatusMessage(nonZero(3)))
                .done().always();

        assertThat(exec.exec(POD, spec, chunks::add, LONG)).hasValue(3);
    }

    @Test
    void anExecThatDoesNotEndGivesNoExitCodeAtItsTimeout() throws Exception {
        ExecSpec spec = spec("sleep");
        expectExec(spec, OptionalLong.empty()).open()
                .waitFor(10).andEmit(new OutputStreamMessage("started"))
                .expect("never sent").andEmit(new StatusMessage(0)).once()
                .done().always();

        assertThat(exec.exec(POD, spec, chunks::add, Duration.ofMillis(300))).isEmpty();
        assertThat(text(StreamType.STDOUT)).isEqualTo("started");
    }

    @Test
    void pastTheDeadlineTheKillRunsAndTheExitCodeItCausedIsReported() throws Exception {
        ExecSpec spec = spec("sleep");
        expectExec(spec, OptionalLong.empty()).open()
                .expectHttpRequest("/test-kill").andEmit(new StatusMessage(nonZero(137))).once()
                .done().always();
        // in mixed mode only a request the mock expects reaches its WebSocket sessions
        server.expect().get().withPath("/test-kill").andReturn(200, "").always();
        AtomicBoolean killed = new AtomicBoolean();

        ExecExit exit = exec.exec(POD, spec, chunks::add, Duration.ofMillis(300), () -> {
            killed.set(true);
            get("/test-kill"); // the mock emits the exec's status when it sees this request
        }, LONG);

        assertThat(killed).isTrue();
        assertThat(exit).isEqualTo(new ExecExit(OptionalInt.of(137), true));
    }

    @Test
    void aPastDeadlineWithoutAnExitCodeWithinTheGraceIsReportedAsSuch() throws Exception {
        ExecSpec spec = spec("sleep");
        expectExec(spec, OptionalLong.empty()).open()
                .expect("never sent").andEmit(new StatusMessage(0)).once()
                .done().always();

        ExecExit exit = exec.exec(POD, spec, chunks::add, Duration.ofMillis(200), () -> {}, Duration.ofMillis(200));

        assertThat(exit).isEqualTo(new ExecExit(OptionalInt.empty(), true));
    }

    @Test
    void theInputIsSentOnChannelZeroAndItsLengthFramesIt() throws Exception {
        ExecSpec spec = spec("cat");
        byte[] input = "hello".getBytes(StandardCharsets.UTF_8);
        expectExec(spec, OptionalLong.of(input.length)).open()
                .expect("\u0000hello").andEmit(new StatusMessage(0)).once()
                .done().always();

        OptionalInt code = exec.exec(POD, spec, new ByteArrayInputStream(input), chunks::add, LONG);

        assertThat(code).as("the mock answers the exit status only on receiving the input on channel 0").hasValue(0);
    }

    @Test
    void aLargeOutputIsDeliveredWhole() throws Exception {
        ExecSpec spec = spec("tar", "-c");
        String block = "x".repeat(64 * 1024);
        EventDoneable<TimesOnceableOrHttpHeaderable<Void>> session = expectExec(spec, OptionalLong.empty()).open();
        for (int i = 0; i < 160; i++) { // 10 MiB
            session = session.immediately().andEmit(new OutputStreamMessage(block));
        }
        session.immediately().andEmit(new StatusMessage(0)).done().always();
        // as core's copy-out: a bounded hand-over the sink blocks on, read by another thread
        BlockingQueue<OutputChunk> handOver = new ArrayBlockingQueue<>(4);
        AtomicLong bytes = new AtomicLong();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    OutputChunk chunk = handOver.take();
                    if (chunk.length() == 0) {
                        return;
                    }
                    bytes.addAndGet(chunk.length());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();

        OptionalInt code = exec.exec(POD, spec, chunk -> {
            try {
                handOver.put(chunk);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, LONG);
        handOver.put(new OutputChunk(StreamType.STDOUT, new byte[0]));
        reader.join();

        assertThat(code).hasValue(0);
        assertThat(bytes).hasValue(10L * 1024 * 1024);
    }

    @Test
    void aFailedExecQuotesTheApiServer() {
        ExecSpec spec = spec("anything");
        expectExec(spec, OptionalLong.empty()).open()
                .waitFor(10).andEmit(new StatusMessage(new StatusBuilder().withStatus("Failure")
                        .withReason("InternalError").withMessage("exec: \"env\": executable file not found").build()))
                .done().always();

        assertThatThrownBy(() -> exec.exec(POD, spec, chunks::add, LONG))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("exec in pod ironbox-test failed: exec: \"env\": executable file not found");
    }

    @Test
    void aPodThatIsGoneIsAContainerFailure() {
        client.pods().inNamespace("test").withName(POD.value()).delete();

        assertThatThrownBy(() -> exec.exec(POD, spec("true"), chunks::add, LONG))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("cannot run exec in pod ironbox-test: the pod is gone");
    }

    @Test
    void aPodThatIsNotRunningIsAContainerFailureQuotingTheApiServer() {
        client.pods().inNamespace("test").withName(POD.value()).editStatus(pod -> new PodBuilder(pod).editStatus()
                .withPhase("Succeeded").withConditions().addNewContainerStatus().withName(PodNames.SANDBOX_CONTAINER)
                .withNewState().withNewTerminated().withReason("Completed").withExitCode(0).endTerminated().endState()
                .endContainerStatus().endStatus().build());
        ExecSpec spec = spec("true");
        // what a real API server answers; a refused upgrade says little more than its status, hence the lookup
        Status refusal = new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest")
                .withMessage("cannot exec into a container in a completed pod; current phase is Succeeded").build();
        server.expect().get().withPath(execPath(spec, OptionalLong.empty())).andReturn(400, refusal).always();

        assertThatThrownBy(() -> exec.exec(POD, spec, chunks::add, LONG))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessage("cannot run exec in pod ironbox-test: the pod is not running (phase Succeeded; "
                        + "container sandbox terminated: Completed, exit 0)");
    }

    private static ExecSpec spec(String... command) {
        return ExecSpec.builder().command(List.of(command)).env(Map.of("IRONBOX_EXEC_ID", "m-1")).workingDir("/")
                .build();
    }

    /** The exec request fabric8 makes for {@code spec}, its query built by fabric8's own URL builder. */
    private io.fabric8.mockwebserver.dsl.WebSocketSessionBuilder<TimesOnceableOrHttpHeaderable<Void>> expectExec(
            ExecSpec spec, OptionalLong input) {
        return server.expect().get().withPath(execPath(spec, input)).andUpgradeToWebSocket();
    }

    private String execPath(ExecSpec spec, OptionalLong input) {
        return ExecPaths.of(server, "test", POD.value(), spec, input);
    }

    private static Status nonZero(int code) {
        return new StatusBuilder().withStatus("Failure").withReason("NonZeroExitCode").withNewDetails()
                .addNewCause().withReason("ExitCode").withMessage(Integer.toString(code)).endCause().endDetails()
                .build();
    }

    private void get(String path) throws InterruptedException {
        try {
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String text(StreamType stream) {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(c -> c.stream() == stream)
                .forEach(c -> text.append(new String(c.bytes(), StandardCharsets.UTF_8)));
        return text.toString();
    }
}
