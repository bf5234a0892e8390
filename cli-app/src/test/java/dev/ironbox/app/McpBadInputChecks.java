package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.spec.McpError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad calls through the SDK's client: an unknown tool is a protocol error, a missing, mistyped or unknown argument and
 * an unknown session are tool errors that name what is wrong; none makes a container, and the server keeps serving.
 */
interface McpBadInputChecks extends McpServerFixture {

    @Test
    default void anUnknownToolIsAProtocolErrorNamingItAndTheServerKeepsServing() throws Exception {
        McpServerProcess server = server();

        McpError error = catchThrowableOfType(McpError.class,
                () -> server.call("rm_rf", Map.of("path", "/")));

        assertThat(error).as("calling an unknown tool").isNotNull();
        assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
        assertThat(error.getJsonRpcError().message() + " " + error.getJsonRpcError().data()).contains("rm_rf");
        assertThat(server.ok("run", Map.of("shell", "echo alive"))).containsEntry("stdout", "alive\n");
    }

    @Test
    default void missingMistypedAndUnknownArgumentsAreToolErrorsNamingTheArgument() throws Exception {
        Instant since = Instant.now();
        McpServerProcess server = server();

        assertThat(server.refused("run", Map.of())).contains("command", "shell");
        assertThat(server.refused("run", Map.of("command", List.of("true"), "shell", "true")))
                .contains("command", "shell");
        assertThat(server.refused("run", Map.of("command", "echo as a string"))).contains("command");
        assertThat(server.refused("run", Map.of("command", List.of()))).contains("command");
        assertThat(server.refused("run", Map.of("shell", "true", "timeout", "soon"))).contains("timeout");
        assertThat(server.refused("run", Map.of("shell", "true", "timeout", -1))).contains("timeout");
        assertThat(server.refused("run", Map.of("shell", "true", "maxOutputBytes", 1.5))).contains("maxOutputBytes");
        assertThat(server.refused("run", Map.of("shell", "true", "env", Map.of("N", 1)))).contains("env");
        assertThat(server.refused("run", Map.of("shell", "true", "policy", "full_access"))).contains("policy");
        assertThat(server.refused("session_exec", Map.of("shell", "true"))).contains("sessionId");
        assertThat(createdFor(server.pid(), since)).as("containers created for bad calls").isEmpty();
        assertThat(server.ok("run", Map.of("shell", "echo alive"))).containsEntry("stdout", "alive\n");

        String id = (String) server.ok("session_start", Map.of()).get("sessionId");
        assertThat(server.refused("write_file", Map.of("sessionId", id, "path", "/tmp/f"))).contains("content");
        assertThat(server.refused("write_file", Map.of("sessionId", id, "path", "relative", "content", "x")))
                .contains("path");
        assertThat(server.refused("read_file", Map.of("sessionId", id, "path", "/tmp/f", "encoding", "hex")))
                .contains("encoding");
        assertThat(server.refused("session_exec", Map.of("sessionId", id, "shell", 42))).contains("shell");
        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell", "echo alive")))
                .containsEntry("stdout", "alive\n");
    }

    @Test
    default void anUnknownSessionIsAToolErrorListingThisServersSessions() throws Exception {
        McpServerProcess server = server();

        assertThat(server.refused("session_exec", Map.of("sessionId", "0123456789ab", "shell", "true")))
                .containsIgnoringCase("unknown session").contains("none");
        String id = (String) server.ok("session_start", Map.of()).get("sessionId");
        String unknown = "0123456789ab";
        assertThat(server.refused("session_exec", Map.of("sessionId", unknown, "shell", "true")))
                .containsIgnoringCase("unknown session").contains(id);
        assertThat(server.refused("session_stop", Map.of("sessionId", unknown)))
                .containsIgnoringCase("unknown session").contains(id);
        assertThat(server.refused("read_file", Map.of("sessionId", unknown, "path", "/tmp")))
                .containsIgnoringCase("unknown session").contains(id);
        assertThat(server.ok("session_exec", Map.of("sessionId", id, "shell", "echo alive")))
                .containsEntry("stdout", "alive\n");
    }
}
