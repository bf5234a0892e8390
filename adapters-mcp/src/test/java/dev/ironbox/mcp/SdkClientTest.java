package dev.ironbox.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.mcp.testing.PipeClientTransport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server driven by the SDK's own client; also pins down what SDK 2.2.0 answers for an unknown tool, and that
 * arguments the schema refuses reach the handler (the tools check them in their own words).
 */
class SdkClientTest {

    private final ServedServer server = new ServedServer();
    private final McpSyncClient client = McpClient.sync(
                    new PipeClientTransport(ServedServer.MCP_JSON, server.in, server.out))
            .requestTimeout(java.time.Duration.ofSeconds(60))
            .build();

    @AfterEach
    void closeTheClient() throws Exception {
        client.closeGracefully(); // ends the server's input
        ServedServer.await(server.returned, "serve returned after the client closed");
        assertThat(server.toolsClosed.getCount()).isZero();
    }

    @Test
    void theSdkClientInitializesListsAndCalls() {
        InitializeResult init = client.initialize();
        var tools = client.listTools().tools();
        CallToolResult result = client.callTool(call("echo", Map.of("text", "hello")));

        assertThat(init.serverInfo().name()).isEqualTo("ironbox");
        assertThat(init.instructions()).contains("sandbox");
        assertThat(tools).extracting(Tool::name).containsExactly("echo", "block", "late");
        assertThat(result.isError()).isFalse();
        assertThat(((TextContent) result.content().get(0)).text()).startsWith("hello ");
    }

    @Test
    void anUnknownToolIsAProtocolErrorInvalidParams() {
        client.initialize();

        assertThatThrownBy(() -> client.callTool(call("nope", Map.of())))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
                    assertThat(e.getJsonRpcError().message()).isEqualTo("Unknown tool: invalid_tool_name");
                    assertThat(String.valueOf(e.getJsonRpcError().data())).isEqualTo("Tool not found: nope");
                });
        assertThat(client.listTools().tools()).hasSize(3); // still serving
    }

    @Test
    void argumentsTheSchemaRefusesReachTheToolsOwnChecks() {
        client.initialize();

        // the SDK's schema check is off: the tools name the argument and what it takes in their own words
        CallToolResult missing = client.callTool(call("echo", Map.of()));
        CallToolResult unknown = client.callTool(call("echo", Map.of("text", "a", "extra", 1)));

        assertThat(text(missing)).startsWith("null ");
        assertThat(text(unknown)).startsWith("a ");
    }

    private static CallToolRequest call(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder(tool).arguments(arguments).build();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
