package dev.ironbox.mcp.tools;

import dev.ironbox.core.settings.AssistantTerms;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seven tools, their closed input schemas, and descriptions that state the operator's terms. */
class ToolSpecificationsTest {

    private final Calls calls = new Calls();

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private Tool tool(String name) {
        return calls.spec(name).tool();
    }

    @Test
    void theSevenToolsEachWithAClosedInputSchemaAndAnOutputSchema() throws Exception {
        assertThat(calls.tools.specifications()).extracting(s -> s.tool().name()).containsExactly("run",
                "session_start", "session_exec", "session_stop", "session_list", "write_file", "read_file");
        ObjectMapper json = new ObjectMapper();
        for (SyncToolSpecification spec : calls.tools.specifications()) {
            Tool tool = spec.tool();
            Map<String, Object> input = json.convertValue(tool.inputSchema(), MAP);
            assertThat(input).as(tool.name()).containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
            assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
            assertThat(tool.description()).as(tool.name()).isNotBlank();
        }
    }

    @Test
    void argumentNamesMatchTheSchemas() {
        assertThat(properties(tool("run").inputSchema())).containsOnlyKeys("command", "shell", "timeout",
                "maxOutputBytes", "env", "stdin");
        assertThat(properties(tool("session_exec").inputSchema())).containsOnlyKeys("sessionId", "command",
                "shell", "timeout", "maxOutputBytes", "env", "stdin");
        assertThat((List<?>) tool("session_exec").inputSchema().get("required")).isEqualTo(List.of("sessionId"));
        assertThat((List<?>) tool("write_file").inputSchema().get("required"))
                .isEqualTo(List.of("sessionId", "path", "content"));
        assertThat(properties(tool("read_file").inputSchema())).containsOnlyKeys("sessionId", "path", "encoding");
        assertThat(properties(tool("session_start").inputSchema())).isEmpty();
        assertThat(properties(tool("run").outputSchema()).keySet()).containsExactly(
                "exitCode", "stdout", "stderr", "truncated", "timedOut", "oomKilled", "durationMs", "network",
                "pooled");
    }

    @Test
    void descriptionsStateTheOperatorsTerms() {
        assertThat(tool("run").description()).contains("/workspace, read-only (policy readonly)",
                "at most 120s", "at most 65536 bytes of output", "only to pypi.org", "alpine:3.19");
        assertThat(tool("session_start").description()).contains("No network access", "30m idle");
        assertThat(tool("session_exec").description()).contains("at most 120s");
        assertThat(tool("write_file").description()).contains("At most 1024 bytes (1k)", "read-only");
        assertThat(tool("read_file").description()).contains("At most 1024 bytes (1k)", "base64");
        assertThat(List.of("session_stop", "session_list")).allSatisfy(name ->
                assertThat(tool(name).description()).contains("this server started"));
    }

    @Test
    void underFullAccessTheRunToolSaysItRunsOnTheHostWithoutASandbox() {
        AssistantTerms sandboxed = Calls.terms();
        AssistantTerms host = new AssistantTerms(dev.ironbox.core.model.RunRequest.builder().from(sandboxed.run())
                .policy(dev.ironbox.core.model.SandboxPolicy.FULL_ACCESS).build(), sandboxed.session(), 1024);

        String description = new IronboxTools(new FakeSandbox(), host, new dev.ironbox.mcp.call.InFlightCalls())
                .specifications().get(0).tool().description();

        assertThat(description).contains("DIRECTLY ON THE SERVER'S HOST, with no sandbox", "full_access",
                "/srv/project", "at most 120s");
        assertThat(description).doesNotContain("hardened", "No network access", "memory 2g");
    }
}
