package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.model.egress.NetworkEvent;
import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run tool's result, its failures, its progress and its cancellation. */
class RunToolTest {

    private final Calls calls = new Calls();

    @Test
    void aResultIsStructuredContentAndAShortText() {
        NetworkEvent denied = new NetworkEvent(Instant.parse("2026-12-05T08:00:00Z"), "CONNECT", "evil.example", 443,
                false, "evil.example is not on the allowlist", false, 403, 0, 0);
        calls.sandbox.answer = command -> FakeSandbox.result(3, "hello\n", "oops\n").timedOut(true)
                .stdoutBytesDropped(5).addNetwork(denied).pooled(true).build();

        CallToolResult result = calls.call("run", Map.of("shell", "false"));

        assertThat(result.isError()).isFalse();
        Map<String, Object> content = Calls.structured(result);
        assertThat(content).containsOnlyKeys("exitCode", "stdout", "stderr", "truncated", "timedOut", "oomKilled",
                "durationMs", "network", "pooled");
        assertThat(content).containsEntry("exitCode", 3).containsEntry("stdout", "hello\n")
                .containsEntry("stderr", "oops\n").containsEntry("truncated", true).containsEntry("timedOut", true)
                .containsEntry("oomKilled", false).containsEntry("durationMs", 120L).containsEntry("pooled", true);
        assertThat(content.get("network")).isEqualTo(List.of(Map.of("time", "2026-12-05T08:00:00Z",
                "method", "CONNECT", "host", "evil.example", "port", 443, "allowed", false,
                "reason", "evil.example is not on the allowlist", "credentialInjected", false, "status", 403,
                "bytesUp", 0L, "bytesDown", 0L)));
        assertThat(Calls.text(result)).isEqualTo("exit 3 after 120 ms; timed out; output truncated; 1 network "
                + "request(s) denied\n--- stdout ---\nhello\n\n--- stderr ---\noops\n");
    }

    @Test
    void anIronboxFailureIsAToolErrorWithItsMessage() {
        calls.sandbox.failure = new EngineUnavailableException("Docker is not running: connection refused");
        CallToolResult result = calls.call("run", Map.of("command", List.of("ls")));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("Docker is not running: connection refused");
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorNotAnException() {
        calls.sandbox.failure = new IllegalStateException("boom");
        CallToolResult result = calls.call("run", Map.of("command", List.of("ls")));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("internal error: java.lang.IllegalStateException: boom");
    }

    @Test
    void outputGoesAsProgressBeforeTheResultWhenTheCallAsks() {
        calls.sandbox.chunks.add(new OutputChunk(StreamType.STDOUT, "one\n".getBytes(StandardCharsets.UTF_8)));
        calls.sandbox.chunks.add(new OutputChunk(StreamType.STDERR, "two\n".getBytes(StandardCharsets.UTF_8)));
        List<ProgressNotification> sent = new CopyOnWriteArrayList<>();

        CallToolResult result = calls.call("run", Map.of("shell", "x"), Map.of("progressToken", "tok-1"),
                exchange(sent));

        assertThat(result.isError()).isFalse();
        assertThat(sent).isNotEmpty().allSatisfy(n -> assertThat(n.progressToken()).isEqualTo("tok-1"));
        assertThat(sent.get(sent.size() - 1).progress()).isEqualTo(8.0);
        assertThat(String.join("", sent.stream().map(ProgressNotification::message).toList()))
                .isEqualTo("one\nstderr: two\n");
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).progress()).isGreaterThan(sent.get(i - 1).progress());
        }
    }

    @Test
    void aHeldChunkReachesTheClientWhileTheCommandStillRunsAndNoTimerThreadOutlivesItsCall() throws Exception {
        List<ProgressNotification> sent = new CopyOnWriteArrayList<>();
        CountDownLatch secondSeen = new CountDownLatch(1);
        McpSyncServerExchange exchange = new McpSyncServerExchange(null) {
            @Override
            public void progressNotification(ProgressNotification notification) {
                sent.add(notification);
                if (notification.progress() >= 2.0) {
                    secondSeen.countDown();
                }
            }
        };
        boolean[] seenWhileRunning = new boolean[1];
        calls.sandbox.script = live -> { // echo a; echo b; sleep 50: the run ends only once "b" was seen
            live.accept(new OutputChunk(StreamType.STDOUT, "a".getBytes(StandardCharsets.UTF_8)));
            live.accept(new OutputChunk(StreamType.STDOUT, "b".getBytes(StandardCharsets.UTF_8)));
            seenWhileRunning[0] = secondSeen.await(20, TimeUnit.SECONDS);
        };
        for (int i = 0; i < 5; i++) {
            sent.clear();
            CallToolResult result = calls.call("run", Map.of("shell", "x"), Map.of("progressToken", "t"), exchange);
            assertThat(result.isError()).isFalse();
            assertThat(seenWhileRunning[0]).as("b sent before the run ended").isTrue();
            assertThat(String.join("", sent.stream().map(ProgressNotification::message).toList())).isEqualTo("ab");
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .extracting(Thread::getName).noneMatch(name -> name.startsWith("ironbox-mcp-progress-"));
    }

    @Test
    void nothingIsSentAfterAFailedRunsResult() {
        calls.sandbox.failure = new EngineUnavailableException("Docker went away");
        List<ProgressNotification> sent = new CopyOnWriteArrayList<>();
        CallToolResult result = calls.call("run", Map.of("shell", "x"), Map.of("progressToken", "t"),
                exchange(sent));
        assertThat(result.isError()).isTrue();

        calls.sandbox.live.accept(new OutputChunk(StreamType.STDOUT, "late\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent).isEmpty();
    }

    @Test
    void nothingIsSentAfterACancelledRunsResult() throws Exception {
        calls.sandbox.block = true;
        List<ProgressNotification> sent = new CopyOnWriteArrayList<>();
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("run",
                Map.of("shell", "sleep 1000"), Map.of(InFlightCalls.REQUEST_ID_META, "8", "progressToken", "t"),
                exchange(sent)));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        calls.inFlight.cancel("8");
        assertThat(pending.get(30, TimeUnit.SECONDS).isError()).isTrue();

        calls.sandbox.live.accept(new OutputChunk(StreamType.STDOUT, "late\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent).isEmpty();
    }

    @Test
    void noProgressWithoutAToken() {
        calls.sandbox.chunks.add(new OutputChunk(StreamType.STDOUT, "one\n".getBytes(StandardCharsets.UTF_8)));
        List<ProgressNotification> sent = new CopyOnWriteArrayList<>();
        calls.call("run", Map.of("shell", "x"), Map.of(), exchange(sent));
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailureToSendProgressDoesNotFailTheCall() {
        calls.sandbox.chunks.add(new OutputChunk(StreamType.STDOUT, "one\n".getBytes(StandardCharsets.UTF_8)));
        McpSyncServerExchange broken = new McpSyncServerExchange(null) {
            @Override
            public void progressNotification(ProgressNotification notification) {
                throw new IllegalStateException("the client went away");
            }
        };
        CallToolResult result = calls.call("run", Map.of("shell", "x"), Map.of("progressToken", 5), broken);
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).containsEntry("stdout", "out\n");
    }

    @Test
    void aCancelledCallKillsTheRunAndSaysSo() throws Exception {
        calls.sandbox.block = true;
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("run",
                Map.of("shell", "sleep 1000"), Map.of(InFlightCalls.REQUEST_ID_META, "7"), null));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.inFlight.isRunning("7")).isTrue();

        calls.inFlight.cancel("7");

        CallToolResult result = pending.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("cancelled: the command was killed and its sandbox removed");
        assertThat(calls.sandbox.removedOnInterrupt).isTrue();
        assertThat(calls.inFlight.isRunning("7")).isFalse();
    }

    @Test
    void aCallAfterTheServerClosedIsCancelled() {
        calls.inFlight.closeAll();
        CallToolResult result = calls.call("run", Map.of("shell", "ls"));
        assertThat(Calls.text(result)).isEqualTo("cancelled: the command was killed and its sandbox removed");
        assertThat(calls.sandbox.runs).isEmpty();
    }

    static McpSyncServerExchange exchange(List<ProgressNotification> sent) {
        return new McpSyncServerExchange(null) {
            @Override
            public void progressNotification(ProgressNotification notification) {
                sent.add(notification);
            }
        };
    }
}
