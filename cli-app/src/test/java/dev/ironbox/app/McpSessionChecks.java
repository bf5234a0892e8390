package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session tools: state kept between {@code session_exec} calls, {@code session_stop} removes the container, a
 * server sees only the sessions its client started, and they all go when the client disconnects.
 */
interface McpSessionChecks extends McpServerFixture {

    @Test
    default void aFileWrittenByOneExecIsReadByTheNextAndStopRemovesTheContainer() throws Exception {
        McpServerProcess server = server();

        Map<String, Object> started = server.ok("session_start", Map.of());
        String id = (String) started.get("sessionId");
        assertThat(started).containsKeys("image", "workspace", "policy");
        assertThat(id).isNotBlank();
        assertThat(containersOf(server.pid())).as("the session's container").hasSize(1);

        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell", "echo kept > /tmp/f")))
                .containsEntry("exitCode", 0);
        Map<String, Object> read = server.ok("session_exec", Map.of("sessionId", id, "command", List.of("cat",
                "/tmp/f")));
        assertThat(read).containsEntry("exitCode", 0).containsEntry("stdout", "kept\n")
                .containsEntry("timedOut", false).containsKeys("stderr", "truncated", "durationMs");
        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell", "cat", "stdin", "fed\n")))
                .as("a session command reads its stdin").containsEntry("stdout", "fed\n");

        Map<String, Object> stopped = server.ok("session_stop", Map.of("sessionId", id));

        assertThat(stopped).containsEntry("sessionId", id).containsEntry("stopped", true);
        assertThat(containersOnceGone(server.pid())).as("the stopped session's container").isEmpty();
        assertThat(server.refused("session_exec", Map.of("sessionId", id, "shell", "true")))
                .containsIgnoringCase("unknown session");
        assertThat(sessionIds(server)).as("session_list after the stop").isEmpty();
    }

    @Test
    default void aServerListsAndTouchesOnlyTheSessionsItsClientStarted() throws Exception {
        McpServerProcess mine = server();
        McpServerProcess other = server();
        String myId = (String) mine.ok("session_start", Map.of()).get("sessionId");
        String otherId = (String) other.ok("session_start", Map.of()).get("sessionId");

        assertThat(sessionIds(mine)).containsExactly(myId);
        assertThat(sessionIds(other)).containsExactly(otherId);
        assertThat(mine.refused("session_exec", Map.of("sessionId", otherId, "shell", "echo reached")))
                .containsIgnoringCase("unknown session").contains(myId).doesNotContain("reached");
        assertThat(mine.refused("session_stop", Map.of("sessionId", otherId))).containsIgnoringCase("unknown session");
        assertThat(mine.refused("write_file", Map.of("sessionId", otherId, "path", "/tmp/x", "content", "x")))
                .containsIgnoringCase("unknown session");

        assertThat(other.ok("session_exec", Map.of("sessionId", otherId, "shell", "echo still here")))
                .as("the other server's session is untouched").containsEntry("stdout", "still here\n");
        assertThat(containersOf(other.pid())).hasSize(1);
    }

    @Test
    default void theSessionsAreGoneWhenTheClientDisconnects() throws Exception {
        McpServerProcess server = server();
        String first = (String) server.ok("session_start", Map.of()).get("sessionId");
        server.ok("session_start", Map.of());
        server.ok("session_exec", Map.of("sessionId", first, "shell", "echo busy > /tmp/busy"));
        assertThat(containersOf(server.pid())).hasSize(2);

        server.close();

        assertThat(server.awaitExit(McpServerProcess.PATIENCE)).as("the server exited").isTrue();
        assertThat(containersOf(server.pid())).as("the sessions' containers").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> sessionIds(McpServerProcess server) {
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) server.ok("session_list", Map.of())
                .get("sessions");
        sessions.forEach(session -> assertThat(session).containsKeys("sessionId", "state"));
        return sessions.stream().map(session -> (String) session.get("sessionId")).toList();
    }
}
