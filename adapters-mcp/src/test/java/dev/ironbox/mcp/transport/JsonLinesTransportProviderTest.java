package dev.ironbox.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.mcp.call.InFlightCalls;
import dev.ironbox.mcp.testing.LinePipe;
import dev.ironbox.mcp.testing.LineSink;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport under the SDK's server directly: its limit, the order of a hasty client, closing from the server. */
class JsonLinesTransportProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final McpJsonMapper json = new JacksonMcpJsonMapper(JSON);
    private final LinePipe in = new LinePipe();
    private final LineSink out = new LineSink();
    private final ExecutorService toolThreads = Executors.newCachedThreadPool();
    private final JsonLinesTransportProvider transport =
            new JsonLinesTransportProvider(json, in, out, new InFlightCalls(), toolThreads, 512);
    private final McpSyncServer server = McpServer.sync(transport)
            .jsonMapper(json)
            .capabilities(ServerCapabilities.builder().tools(false).build())
            .immediateExecution(true)
            .tools(SyncToolSpecification.builder()
                    .tool(Tool.builder("t", json, "{\"type\":\"object\"}").build())
                    .callHandler((exchange, request) -> CallToolResult.builder().addTextContent("done").build())
                    .build())
            .build();

    @AfterEach
    void end() {
        in.end();
        toolThreads.shutdownNow();
    }

    @Test
    void theLimitIsTheOneGivenAndNamedInTheError() throws Exception {
        in.send(INITIALIZE);
        out.take();
        in.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        in.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(500) + "\"}}");
        in.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

        JsonNode error = JSON.readTree(out.take());
        JsonNode pong = JSON.readTree(out.take());

        assertThat(error.path("error").path("message").asText()).contains("at most 512 bytes");
        assertThat(pong.path("id").asInt()).isEqualTo(2);
    }

    @Test
    void aToolCallBeforeTheClientSaidInitializedIsAnsweredOnceItDid() throws Exception {
        in.send(INITIALIZE);
        JsonNode initialized = JSON.readTree(out.take());
        in.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}");
        in.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"bogus\"}"); // answered at once, unlike a ping
        JsonNode unknown = JSON.readTree(out.take());
        in.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        JsonNode called = JSON.readTree(out.take());

        assertThat(initialized.path("id").asInt()).isEqualTo(1);
        assertThat(unknown.path("id").asInt()).as("the reader went on while the call waited").isEqualTo(3);
        assertThat(called.path("id").asInt()).isEqualTo(2);
        assertThat(called.path("result").path("content").get(0).path("text").asText()).isEqualTo("done");
    }

    @Test
    void closingTheServerGracefullyDisconnectsAndWritesNothingMore() throws Exception {
        in.send(INITIALIZE);
        out.take();

        server.closeGracefully();
        transport.disconnected().get(LineSink.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        in.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        in.end();

        assertThat(transport.disconnected()).isDone();
        assertThat(out.poll(java.time.Duration.ofMillis(200))).as("no answer after the close").isNull();
    }
}
