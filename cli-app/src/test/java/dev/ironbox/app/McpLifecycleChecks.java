package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client's cancellation kills the command and removes its container; SIGTERM ends the server with its sessions and
 * runs. These servers allow 120 s, so a run that ends here was ended by the cancellation or the signal, not its
 * timeout.
 */
interface McpLifecycleChecks extends McpServerFixture {

    List<String> PATIENT_OPERATOR = List.of("--timeout", "120s");

    @Test
    default void aCancelledRunLosesItsContainerAndTheServerAnswersTheNextCall() throws Exception {
        McpServerProcess server = server(PATIENT_OPERATOR);
        CompletableFuture<McpSchema.CallToolResult> call = CompletableFuture.supplyAsync(
                () -> server.call("run", Map.of("command", List.of("sleep", "60"))));
        Object requestId = server.transport().nextToolCallId(McpServerProcess.PATIENCE);
        awaitContainers(server.pid(), 1);

        server.transport().cancel(requestId, "the user pressed stop");

        assertThat(containersOnceGone(server.pid())).as("the cancelled run's container, 10 s after the cancel")
                .isEmpty();
        assertThat(server.ok("run", Map.of("shell", "echo alive"))).containsEntry("stdout", "alive\n");
        // the spec: a receiver SHOULD NOT answer a cancelled request (the next call's answer came; this one did not)
        assertThat(call).as("an answer to the cancelled request").isNotDone();
        call.cancel(true);
        assertThat(containersOnceGone(server.pid())).isEmpty();
    }

    @Test
    default void cancellingACallThatEndedOrNeverWasChangesNothing() throws Exception {
        McpServerProcess server = server();
        server.ok("run", Map.of("shell", "echo done"));
        Object finished = server.transport().nextToolCallId(McpServerProcess.PATIENCE);

        server.transport().cancel(finished, "too late");
        server.transport().cancel("no-such-request", "never sent");

        assertThat(server.ok("run", Map.of("shell", "echo alive"))).containsEntry("stdout", "alive\n");
    }

    @Test
    default void sigtermWithASessionAndARunningRunEndsTheServerAndLeavesNoContainer() throws Exception {
        McpServerProcess server = server(PATIENT_OPERATOR);
        String session = (String) server.ok("session_start", Map.of()).get("sessionId");
        server.ok("session_exec", Map.of("sessionId", session, "shell", "echo state > /tmp/state"));
        CompletableFuture.runAsync(() -> server.call("run", Map.of("command", List.of("sleep", "60"))))
                .exceptionally(closed -> null); // the call ends with the server
        awaitContainers(server.pid(), 2);

        server.process().destroy(); // SIGTERM, as a process manager stops it

        assertThat(server.awaitExit(McpServerProcess.PATIENCE)).as("the server exited on SIGTERM").isTrue();
        assertThat(containersOf(server.pid())).as("the session's and the run's containers").isEmpty();
    }
}
