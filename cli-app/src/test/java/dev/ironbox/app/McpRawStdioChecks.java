package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ironbox mcp} spoken to line by line: what no SDK client sends (lines that are not JSON-RPC), what an SDK
 * client hides (the order of the lines on the wire), and the exit code when the client closes the server's input.
 */
interface McpRawStdioChecks extends McpServerFixture {

    @Test
    default void linesThatAreNotJsonRpcGetErrorsAndTheServerKeepsServing() throws Exception {
        RawMcpServer server = rawServer();
        server.initialize();

        server.send("{not json");
        server.request(1, "tools/list", Map.of());
        List<JsonNode> lines = server.untilResponse(1);

        assertThat(lines).as("a parse error, then the answer").hasSize(2);
        JsonNode parseError = lines.get(0);
        assertThat(parseError.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(parseError.get("id").isNull()).as("id null: " + parseError).isTrue();
        assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(parseError.at("/error/message").asText()).startsWith("Parse error");
        assertThat(lines.get(1).at("/result/tools")).hasSize(7);

        server.send("{\"hello\": \"world\"}");
        server.send("{\"jsonrpc\": \"1.0\", \"id\": 7, \"method\": \"tools/list\"}");
        server.request(2, "tools/list", Map.of());
        lines = server.untilResponse(2);

        assertThat(lines).as("two invalid requests, then the answer").hasSize(3);
        assertThat(lines.get(0).at("/error/code").asInt()).as(lines.get(0).toString()).isEqualTo(-32600);
        assertThat(lines.get(0).at("/error/message").asText()).startsWith("Invalid Request");
        assertThat(lines.get(1).at("/error/code").asInt()).as(lines.get(1).toString()).isEqualTo(-32600);
        assertThat(lines.get(1).get("id").asInt()).as("the invalid request's own id").isEqualTo(7);
        assertThat(lines.get(2).at("/result/tools")).hasSize(7);
    }

    @Test
    default void endOfInputEndsTheServerWithExitZeroAndItsSessions() throws Exception {
        RawMcpServer server = rawServer();
        server.initialize();
        server.request(1, "tools/call", Map.of("name", "session_start", "arguments", Map.of()));
        JsonNode started = last(server.untilResponse(1));
        assertThat(started.at("/result/structuredContent/sessionId").asText()).as(started.toString()).isNotBlank();
        assertThat(containersOf(server.pid())).hasSize(1);

        server.closeStdin();

        assertThat(server.awaitExit(McpServerProcess.PATIENCE)).as("exit code after end of input").isZero();
        assertThat(containersOf(server.pid())).as("the session's container").isEmpty();
        assertThat(server.stderr()).as("standard error").doesNotContain("Exception");
    }

    @Test
    default void progressNotificationsComeInOutputOrderBeforeTheResult() throws Exception {
        RawMcpServer server = rawServer();
        server.initialize();

        server.request(1, "tools/call", Map.of("name", "run", "_meta", Map.of("progressToken", 42),
                "arguments", Map.of("shell", "for i in 1 2 3 4 5; do echo line$i; sleep 0.5; done")));
        List<JsonNode> lines = server.untilResponse(1);

        JsonNode result = last(lines);
        assertThat(result.at("/result/isError").asBoolean()).as(result.toString()).isFalse();
        String stdout = result.at("/result/structuredContent/stdout").asText();
        assertThat(stdout).isEqualTo("line1\nline2\nline3\nline4\nline5\n");
        List<JsonNode> progress = lines.subList(0, lines.size() - 1);
        assertThat(progress).as("progress notifications before the result").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> {
                    assertThat(line.get("method").asText()).isEqualTo("notifications/progress");
                    assertThat(line.at("/params/progressToken").asInt()).isEqualTo(42);
                });
        List<Double> values = new ArrayList<>();
        StringBuilder messages = new StringBuilder();
        progress.forEach(line -> {
            values.add(line.at("/params/progress").asDouble());
            messages.append(line.at("/params/message").asText());
        });
        assertThat(values).as("bytes seen so far, strictly increasing").isSorted().doesNotHaveDuplicates();
        assertThat(messages.toString()).as("their messages, in order: the output").isEqualTo(stdout);
    }

    private static JsonNode last(List<JsonNode> lines) {
        return lines.get(lines.size() - 1);
    }
}
