package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.error.ContainerFailureException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.ironbox.mcp.call.InFlightCalls;
import org.junit.jupiter.api.Test;

/** A client sees and touches only the sessions it started; the server's end stops them. */
class SessionToolsTest {

    private final Calls calls = new Calls();

    @Test
    void startReturnsTheOperatorsSession() {
        CallToolResult result = calls.call("session_start", Map.of());
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).isEqualTo(Map.of("sessionId", "s1", "image", "alpine:3.19",
                "workspace", "/workspace", "policy", "readonly"));
        assertThat(Calls.text(result)).isEqualTo("session s1 started (image alpine:3.19, policy readonly)");
    }

    @Test
    void execRunsInAnOwnedSessionNarrowedAsAsked() {
        String id = calls.startSession();
        CallToolResult result = calls.call("session_exec", Map.of("sessionId", id, "command", List.of("pwd"),
                "timeout", 3));
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).containsEntry("exitCode", 0).containsEntry("stdout", "out\n");
        assertThat(calls.sandbox.execs.get(0).sessionId()).isEqualTo(id);
        assertThat(calls.sandbox.execs.get(0).limits().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(calls.sandbox.execs.get(0).env()).doesNotContainKey("OPERATOR_TOKEN"); // the session's own env
    }

    @Test
    void aSessionThisServerDidNotStartIsUnknown() throws Exception {
        calls.sandbox.startSession(calls.terms.session()); // s1: another process's, on the same host
        assertThat(Calls.text(calls.call("session_exec", Map.of("sessionId", "s1", "shell", "ls"))))
                .isEqualTo("unknown session ID; this server's sessions: none");
        String mine = calls.startSession();
        String other = calls.startSession();
        for (String tool : List.of("session_exec", "session_stop", "write_file", "read_file")) {
            Map<String, Object> arguments = switch (tool) {
                case "session_exec" -> Map.of("sessionId", "s1", "shell", "ls");
                case "write_file" -> Map.of("sessionId", "s1", "path", "/tmp/a", "content", "x");
                case "read_file" -> Map.of("sessionId", "s1", "path", "/tmp/a");
                default -> Map.of("sessionId", "s1");
            };
            CallToolResult result = calls.call(tool, arguments);
            assertThat(result.isError()).isTrue();
            assertThat(Calls.text(result)).as(tool)
                    .isEqualTo("unknown session ID; this server's sessions: " + mine + ", " + other);
        }
        assertThat(calls.sandbox.sessions).containsKey("s1");
        assertThat(calls.sandbox.execs).isEmpty();
        assertThat(calls.sandbox.copies).isEmpty();
    }

    @Test
    void listShowsOnlyOwnedSessionsWithTheirState() throws Exception {
        calls.sandbox.startSession(calls.terms.session()); // another process's
        String mine = calls.startSession();
        CallToolResult result = calls.call("session_list", Map.of());
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).isEqualTo(Map.of("sessions", List.of(Map.of("sessionId", mine,
                "state", "running", "image", "alpine:3.19", "policy", "readonly", "created", "2026-12-05T08:00:00Z",
                "expires", "2026-12-06T08:00:00Z"))));
        assertThat(Calls.text(result)).isEqualTo(mine + " running");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSessionThatEndedOnItsOwnGivesCoresErrorAndStaysListedUntilStopped() {
        String id = calls.startSession();
        calls.sandbox.dead.add(id);
        CallToolResult exec = calls.call("session_exec", Map.of("sessionId", id, "shell", "ls"));
        assertThat(exec.isError()).isTrue();
        assertThat(Calls.text(exec)).isEqualTo("session " + id + " has stopped (idle past its TTL)");

        calls.sandbox.sessions.remove(id); // its container is gone too
        List<?> listed = (List<?>) Calls.structured(calls.call("session_list", Map.of())).get("sessions");
        assertThat(listed).hasSize(1);
        assertThat((Map<Object, Object>) listed.get(0)).containsEntry("sessionId", id).containsEntry("state", "gone");

        CallToolResult stop = calls.call("session_stop", Map.of("sessionId", id));
        assertThat(stop.isError()).isFalse();
        assertThat((List<?>) Calls.structured(calls.call("session_list", Map.of())).get("sessions")).isEmpty();
    }

    @Test
    void aCancelledExecKillsTheCommandAndTheSessionGoesOn() throws Exception {
        String id = calls.startSession();
        calls.sandbox.block = true;
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("session_exec",
                Map.of("sessionId", id, "shell", "sleep 1000"), Map.of(InFlightCalls.REQUEST_ID_META, "3"), null));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        calls.inFlight.cancel("3");
        CallToolResult result = pending.get(30, TimeUnit.SECONDS);
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("cancelled: the command was killed; the session goes on");
        assertThat(calls.sandbox.stopped).isEmpty();
        assertThat(Calls.text(calls.call("session_list", Map.of()))).isEqualTo(id + " running");
    }

    @Test
    void aCancelledStartLeavesNoSession() throws Exception {
        calls.sandbox.block = true;
        CompletableFuture<CallToolResult> pending = CompletableFuture.supplyAsync(() -> calls.call("session_start",
                Map.of(), Map.of(InFlightCalls.REQUEST_ID_META, "4"), null));
        assertThat(calls.sandbox.started.await(30, TimeUnit.SECONDS)).isTrue();
        calls.inFlight.cancel("4");
        CallToolResult result = pending.get(30, TimeUnit.SECONDS);
        assertThat(Calls.text(result)).isEqualTo("cancelled: no session was started; what was made of it is removed");
        assertThat(Calls.text(calls.call("session_list", Map.of()))).isEqualTo("no sessions");
    }

    @Test
    void aStartCancelledAsCoreReturnedStopsTheSessionItWasToldOf() {
        calls.sandbox.cancelledDuring = true;
        CallToolResult result = calls.call("session_start", Map.of());
        assertThat(Calls.text(result)).isEqualTo("cancelled: no session was started; what was made of it is removed");
        assertThat(calls.sandbox.stopped).containsExactly("s1");
        assertThat(calls.sandbox.sessions).isEmpty();
        assertThat(Calls.text(calls.call("session_list", Map.of()))).isEqualTo("no sessions");
    }

    @Test
    void aCancelledStopSaysTheStopRanToItsEnd() {
        String id = calls.startSession();
        calls.sandbox.cancelledDuring = true;
        CallToolResult result = calls.call("session_stop", Map.of("sessionId", id));
        assertThat(Calls.text(result))
                .isEqualTo("cancelled, but a stop runs to its end: session_list shows whether the session is gone");
        assertThat(calls.sandbox.stopped).containsExactly(id);
    }

    @Test
    void aClientHoldsAtMostSixteenSessionsAndAStoppedOrFailedOneFreesItsPlace() {
        for (int i = 0; i < 15; i++) {
            calls.startSession();
        }
        calls.sandbox.startFailure = new ContainerFailureException("the engine did not answer");
        assertThat(Calls.text(calls.call("session_start", Map.of()))).isEqualTo("the engine did not answer");
        String sixteenth = calls.startSession();

        CallToolResult refused = calls.call("session_start", Map.of());
        assertThat(refused.isError()).isTrue();
        assertThat(Calls.text(refused))
                .isEqualTo("this server allows at most 16 sessions at once; stop one with session_stop");
        assertThat(calls.sandbox.sessions).hasSize(16);

        assertThat(calls.call("session_stop", Map.of("sessionId", sixteenth)).isError()).isFalse();
        assertThat(calls.call("session_start", Map.of()).isError()).isFalse();
        assertThat(calls.sandbox.sessions).hasSize(16);
        assertThat(calls.spec("session_start").tool().description()).contains("at most 16 sessions at once");
    }

    @Test
    void stopStopsAndForgets() {
        String id = calls.startSession();
        CallToolResult result = calls.call("session_stop", Map.of("sessionId", id));
        assertThat(result.isError()).isFalse();
        assertThat(Calls.structured(result)).isEqualTo(Map.of("sessionId", id, "stopped", true));
        assertThat(calls.sandbox.stopped).containsExactly(id);
        assertThat(Calls.text(calls.call("session_stop", Map.of("sessionId", id))))
                .isEqualTo("unknown session ID; this server's sessions: none");
    }

    @Test
    void aStopThatFailsKeepsTheSessionOwned() {
        String id = calls.startSession();
        calls.sandbox.failingStops.add(id);
        CallToolResult result = calls.call("session_stop", Map.of("sessionId", id));
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).isEqualTo("the engine did not answer");
        assertThat((List<?>) Calls.structured(calls.call("session_list", Map.of())).get("sessions")).hasSize(1);
    }

    @Test
    void closeStopsEveryOwnedSessionAndNeverThrows() throws Exception {
        calls.sandbox.startSession(calls.terms.session()); // s1: another process's
        String failing = calls.startSession();
        String gone = calls.startSession();
        String fine = calls.startSession();
        calls.sandbox.failingStops.add(failing);
        calls.sandbox.sessions.remove(gone);

        calls.tools.close();

        assertThat(calls.sandbox.stopped).containsExactly(fine);
        assertThat(calls.sandbox.sessions).containsKeys("s1", failing);
        assertThat(Calls.text(calls.call("session_exec", Map.of("sessionId", fine, "shell", "ls"))))
                .isEqualTo("unknown session ID; this server's sessions: none");
    }
}
