package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.RunResult;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --json} form of a result: one JSON object, its fields in a fixed order. */
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
