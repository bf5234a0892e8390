package dev.ironbox.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.mcp.call.InFlightCalls;
import dev.ironbox.mcp.testing.LinePipe;
import dev.ironbox.mcp.testing.LineSink;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link IronboxMcpServer#serve} on a thread of its own, over pipes, with three test tools instead of Ironbox's:
 * {@code echo} (answers its {@code text}, the request id the transport put in {@code _meta} and any progress token),
 * {@code block} (runs through {@link InFlightCalls} until it is cancelled, then records its cleanup) and {@code late}
 * ({@code block} after a wait no interrupt cuts short: a cancellation can come before it reaches InFlightCalls).
 */
final class ServedServer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final McpJsonMapper MCP_JSON = new JacksonMcpJsonMapper(JSON);

    final LinePipe in = new LinePipe();
    final LineSink out = new LineSink();
    final InFlightCalls calls = new InFlightCalls();
    final CountDownLatch blockStarted = new CountDownLatch(1);
    final CountDownLatch blockCleanedUp = new CountDownLatch(1);
    final CountDownLatch lateEntered = new CountDownLatch(1);
    final CountDownLatch lateMayGoOn = new CountDownLatch(1);
    final CountDownLatch toolsClosed = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);
    volatile boolean interruptedOnReturn;
    final Thread thread;

    ServedServer() {
        this(null);
    }

    /** With {@code output} instead of the sink (e.g. one that fails). */
    ServedServer(OutputStream output) {
        OutputStream target = output == null ? out : output;
        thread = new Thread(() -> {
            IronboxMcpServer.serve(
                    calls, List.of(echo(), block(), late()), toolsClosed::countDown, in, target, "9.9.9-test");
            interruptedOnReturn = Thread.currentThread().isInterrupted();
            returned.countDown();
        }, "test-mcp-serve");
        thread.start();
    }

    void send(String line) {
        in.send(line);
    }

    JsonNode next() throws Exception {
        return JSON.readTree(out.take());
    }

    /** Sends a request and returns the next line, which must answer it. */
    JsonNode ask(int id, String method, String params) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        JsonNode answer = next();
        assertThat(answer.path("id").asInt()).as(answer.toString()).isEqualTo(id);
        return answer;
    }

    /** The handshake: initialize, then notifications/initialized. */
    JsonNode initialize() throws Exception {
        JsonNode answer = ask(1, "initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return answer;
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(LineSink.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(what).isTrue();
    }

    private SyncToolSpecification echo() {
        Tool tool = Tool.builder("echo", MCP_JSON,
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                        + "\"required\":[\"text\"],\"additionalProperties\":false}")
                .description("Answers its text.")
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> CallToolResult.builder()
                .addTextContent(request.arguments().get("text") + " "
                        + InFlightCalls.requestId(request.meta()).orElse("no-request-id")
                        + (request.meta() != null && request.meta().containsKey("progressToken")
                                ? " progress=" + request.meta().get("progressToken") : ""))
                .build()).build();
    }

    private SyncToolSpecification late() {
        Tool tool = Tool.builder("late", MCP_JSON, "{\"type\":\"object\"}").description("Blocks, later.").build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            lateEntered.countDown();
            boolean interrupted = false;
            while (lateMayGoOn.getCount() > 0) {
                try {
                    lateMayGoOn.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return block().callHandler().apply(exchange, request);
        }).build();
    }

    private SyncToolSpecification block() {
        Tool tool = Tool.builder("block", MCP_JSON, "{\"type\":\"object\",\"additionalProperties\":false}")
                .description("Runs until cancelled.")
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            try {
                calls.call(InFlightCalls.requestId(request.meta()), () -> {
                    blockStarted.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } finally {
                        blockCleanedUp.countDown();
                    }
                    return null;
                });
                return CallToolResult.builder().addTextContent("ended").build();
            } catch (CancellationException e) {
                return CallToolResult.builder().addTextContent("cancelled").isError(true).build();
            } catch (Exception e) {
                return CallToolResult.builder().addTextContent(e.toString()).isError(true).build();
            }
        }).build();
    }
}
