package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.egress.NetworkEvent;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK checks every schema when a tool is registered and every structured result against its output schema (a
 * result that does not conform reaches the client as an error): our schemas and results pass its validator.
 */
class SchemaConformanceTest {

    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();
    private final Calls calls = new Calls();

    @Test
    void everySchemaIsAValidSchema() {
        for (SyncToolSpecification spec : calls.tools.specifications()) {
            validator.assertConforms(spec.tool().name() + " input", spec.tool().inputSchema());
            validator.assertConforms(spec.tool().name() + " output", spec.tool().outputSchema());
        }
    }

    @Test
    void everyResultConformsToItsOutputSchema() {
        calls.sandbox.answer = command -> FakeSandbox.result(1, "a", "b").addNetwork(new NetworkEvent(Instant.EPOCH,
                "GET", "pypi.org", 443, true, "allowed", false, 200, 10, 2000)).build();
        calls.sandbox.files.put("/tmp/f", "text".getBytes(StandardCharsets.UTF_8));
        String id = calls.startSession();
        String gone = calls.startSession();
        calls.sandbox.sessions.remove(gone);
        conforms("run", Map.of("shell", "ls"));
        conforms("session_start", Map.of());
        conforms("session_exec", Map.of("sessionId", id, "command", List.of("ls")));
        conforms("session_list", Map.of());
        conforms("write_file", Map.of("sessionId", id, "path", "/tmp/g", "content", "x"));
        conforms("read_file", Map.of("sessionId", id, "path", "/tmp/f", "encoding", "base64"));
        conforms("session_stop", Map.of("sessionId", id));
    }

    @Test
    void theInputSchemasAgreeWithOurOwnChecks() {
        Map<String, Object> run = calls.spec("run").tool().inputSchema();
        assertThat(validator.validate(run, Map.of("shell", "ls", "timeout", 1.5, "env", Map.of("A", "b"))).valid())
                .isTrue();
        assertThat(validator.validate(run, Map.of("shell", "ls", "policy", "full_access")).valid()).isFalse();
        assertThat(validator.validate(run, Map.of("command", List.of())).valid()).isFalse();
        assertThat(validator.validate(run, Map.of("shell", "ls", "timeout", 0)).valid()).isFalse();
        assertThat(validator.validate(run, Map.of("shell", "ls", "maxOutputBytes", 1.5)).valid()).isFalse();
        assertThat(validator.validate(run, Map.of("shell", "ls", "env", Map.of("A", 1))).valid()).isFalse();
    }

    private void conforms(String tool, Map<String, Object> arguments) {
        CallToolResult result = calls.call(tool, arguments);
        assertThat(result.isError()).as("%s: %s", tool, result).isFalse();
        JsonSchemaValidator.ValidationResponse response =
                validator.validate(calls.spec(tool).tool().outputSchema(), result.structuredContent());
        assertThat(response.valid()).as("%s: %s", tool, response.errorMessage()).isTrue();
    }
}
