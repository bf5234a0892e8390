package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.egress.NetworkEvent;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's result as the {@code run} and {@code session_exec} tools return it: structured content (the output schema
 * of {@link ToolSchemas#runOutput()}) and a short text for clients that show only text. A non-zero exit, a timeout
 * and an OOM kill are results, not tool errors.
 */
final class RunResultContent {

    private RunResultContent() {}

    static CallToolResult of(RunResult result) {
        return CallToolResult.builder().structuredContent(structured(result)).addTextContent(text(result))
                .isError(false).build();
    }

    static Map<String, Object> structured(RunResult result) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("exitCode", result.exitCode());
        content.put("stdout", result.stdout());
        content.put("stderr", result.stderr());
        content.put("truncated", result.truncated());
        content.put("timedOut", result.timedOut());
        content.put("oomKilled", result.oomKilled());
        content.put("durationMs", result.duration().toMillis());
        List<Map<String, Object>> network = new ArrayList<>();
        for (NetworkEvent event : result.network()) {
            network.add(event(event));
        }
        content.put("network", network);
        content.put("pooled", result.pooled());
        return content;
    }

    /** {@code exit 3 after 120 ms; timed out}, then stdout and stderr under their headers. */
    static String text(RunResult result) {
        StringBuilder text = new StringBuilder("exit ").append(result.exitCode()).append(" after ")
                .append(result.duration().toMillis()).append(" ms");
        if (result.timedOut()) {
            text.append("; timed out");
        }
        if (result.oomKilled()) {
            text.append("; killed: out of memory");
        }
        if (result.truncated()) {
            text.append("; output truncated");
        }
        long denied = result.network().stream().filter(e -> !e.allowed()).count();
        if (denied > 0) {
            text.append("; ").append(denied).append(" network request(s) denied");
        }
        if (!result.stdout().isEmpty()) {
            text.append("\n--- stdout ---\n").append(result.stdout());
        }
        if (!result.stderr().isEmpty()) {
            text.append("\n--- stderr ---\n").append(result.stderr());
        }
        return text.toString();
    }

    private static Map<String, Object> event(NetworkEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", String.valueOf(event.time()));
        fields.put("method", nonNull(event.method()));
        fields.put("host", nonNull(event.host()));
        fields.put("port", event.port());
        fields.put("allowed", event.allowed());
        fields.put("reason", nonNull(event.reason()));
        fields.put("credentialInjected", event.credentialInjected());
        fields.put("status", event.status());
        fields.put("bytesUp", event.bytesUp());
        fields.put("bytesDown", event.bytesDown());
        return fields;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
