package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The tools over a {@link FakeSandbox}, called as the SDK calls them. */
final class Calls {

    static final long MAX_FILE_BYTES = 1024;

    final FakeSandbox sandbox = new FakeSandbox();
    final InFlightCalls inFlight = new InFlightCalls();
    final AssistantTerms terms = terms();
    final IronboxTools tools = new IronboxTools(sandbox, terms, inFlight);

    static AssistantTerms terms() {
        ResourceLimits limits = ResourceLimits.builder().timeout(Duration.ofMinutes(2)).maxOutputBytes(65536).build();
        RunRequest run = RunRequest.builder().command(java.util.List.of("true")).workspace(Path.of("/srv/project"))
                .image("alpine:3.19").limits(limits).putEnv("OPERATOR_TOKEN", "x")
                .egress(dev.ironbox.core.model.egress.EgressPolicy.of(java.util.List.of("pypi.org"),
                        java.util.List.of()))
                .build();
        SessionRequest session = SessionRequest.builder().workspace(Path.of("/srv/project")).image("alpine:3.19")
                .limits(limits).build();
        return new AssistantTerms(run, session, MAX_FILE_BYTES);
    }

    SyncToolSpecification spec(String name) {
        return tools.specifications().stream().filter(s -> s.tool().name().equals(name)).findFirst().orElseThrow();
    }

    CallToolResult call(String name, Map<String, Object> arguments) {
        return call(name, arguments, Map.of(), null);
    }

    CallToolResult call(String name, Map<String, Object> arguments, Map<String, Object> meta,
            McpSyncServerExchange exchange) {
        return spec(name).callHandler().apply(exchange, new CallToolRequest(name, arguments, new HashMap<>(meta)));
    }

    /** The one line of text a result carries. */
    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    String startSession() {
        return (String) structured(call("session_start", Map.of())).get("sessionId");
    }
}
