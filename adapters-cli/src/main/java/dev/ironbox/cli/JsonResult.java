package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.egress.NetworkEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} form of a result: one JSON object, its fields in a fixed order; {@code network} holds the egress
 * proxy's decisions for the run, in order (empty without network access).
 */
final class JsonResult {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The fields, in output order. */
    static Map<String, Object> fields(RunResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("exitCode", result.exitCode());
        fields.put("stdout", result.stdout());
        fields.put("stderr", result.stderr());
        fields.put("durationMs", result.duration().toMillis());
        fields.put("truncated", result.truncated());
        fields.put("timedOut", result.timedOut());
        fields.put("oomKilled", result.oomKilled());
        fields.put("runtime", result.runtime());
        fields.put("image", result.image());
        fields.put("policy", result.policy().cliName());
        fields.put("stdoutBytesDropped", result.stdoutBytesDropped());
        fields.put("stderrBytesDropped", result.stderrBytesDropped());
        fields.put("network", result.network().stream().map(JsonResult::event).toList());
        return fields;
    }

    /** One decision of the egress proxy; {@code time} in ISO-8601 (UTC). */
    static Map<String, Object> event(NetworkEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", event.time() == null ? null : event.time().toString());
        fields.put("method", event.method());
        fields.put("host", event.host());
        fields.put("port", event.port());
        fields.put("allowed", event.allowed());
        fields.put("reason", event.reason());
        fields.put("credentialInjected", event.credentialInjected());
        fields.put("status", event.status());
        fields.put("bytesUp", event.bytesUp());
        fields.put("bytesDown", event.bytesDown());
        return fields;
    }

    String write(RunResult result) {
        try {
            return mapper.writeValueAsString(fields(result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
