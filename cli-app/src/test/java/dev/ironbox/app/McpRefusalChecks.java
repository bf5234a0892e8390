package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator decides, the assistant only narrows: a call may ask for a shorter timeout or a smaller output budget
 * and add variables; asking for more, or replacing the operator's variable, is a tool error saying what the server
 * allows, and nothing is made for it (the engine's events say so, not only its listing afterwards).
 */
interface McpRefusalChecks extends McpServerFixture {

    @Test
    default void wideningCallsAreRefusedNamingWhatTheServerAllowsAndMakeNothing() throws Exception {
        Instant since = Instant.now();
        McpServerProcess server = server();

        assertThat(server.refused("run", Map.of("shell", "echo never", "timeout", 600)))
                .contains("at most " + OPERATOR_TIMEOUT).doesNotContain("never\n");
        assertThat(server.refused("run", Map.of("shell", "echo never", "maxOutputBytes", 10_000_000)))
                .contains("at most " + OPERATOR_MAX_OUTPUT + " bytes");
        assertThat(server.refused("run", Map.of("shell", "echo never", "env", Map.of(OPERATOR_VARIABLE, "mine"))))
                .contains(OPERATOR_VARIABLE).contains("cannot be changed");
        String session = (String) server.ok("session_start", Map.of()).get("sessionId");
        List<String> sessionContainer = containersOf(server.pid());
        assertThat(server.refused("session_exec", Map.of("sessionId", session, "shell", "echo never",
                "timeout", 600))).contains("at most " + OPERATOR_TIMEOUT);

        List<String> created = createdFor(server.pid(), since);
        assertThat(created).as("containers created: the session's only").hasSize(1);
        assertThat(sessionContainer).hasSize(1);
        assertThat(sessionContainer.get(0)).endsWith(created.get(0).substring(0, 12));
    }

    @Test
    default void narrowerLimitsAndAVariableOfItsOwnAreAccepted() throws Exception {
        Instant since = Instant.now();
        McpServerProcess server = server();

        Map<String, Object> run = server.ok("run", Map.of("shell", "echo \"$MINE\"; sleep 30", "timeout", 3,
                "maxOutputBytes", 100, "env", Map.of("MINE", "narrow")));

        assertThat(run).containsEntry("timedOut", true).containsEntry("stdout", "narrow\n");
        assertThat(createdFor(server.pid(), since)).as("the engine created the run's container").hasSize(1);
        Map<String, Object> session = server.ok("session_start", Map.of());
        assertThat(server.ok("session_exec", Map.of("sessionId", session.get("sessionId"),
                "command", List.of("sleep", "30"), "timeout", 2))).containsEntry("timedOut", true);
    }
}
