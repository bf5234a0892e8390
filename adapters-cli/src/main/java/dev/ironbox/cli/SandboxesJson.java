package dev.ironbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.SandboxSummary;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} form of {@code ironbox ps}: {@code {"sandboxes": [{"id", "runtime", "kind" (run|session),
 * "sessionId", "created" (ISO-8601), "ageSeconds", "policy", "state", "running", "ownerPid", "ownerAlive",
 * "command"}], "unreachable": [{"runtime", "reason"}]}}; an absent value is {@code null}.
 */
final class SandboxesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SandboxesJson() {}

    static String write(List<SandboxSummary> sandboxes, List<EachRuntime.Unreachable> unreachable, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sandboxes", sandboxes.stream().map(sandbox -> sandbox(sandbox, now)).toList());
        fields.put("unreachable", unreachable(unreachable));
        return json(fields);
    }

    private static Map<String, Object> sandbox(SandboxSummary sandbox, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", sandbox.container().value());
        fields.put("runtime", sandbox.runtime());
        fields.put("kind", PsCommand.kind(sandbox.kind()));
        fields.put("sessionId", sandbox.sessionId().orElse(null));
        fields.put("created", sandbox.created().toString());
        fields.put("ageSeconds", Math.max(0, Duration.between(sandbox.created(), now).toSeconds()));
        fields.put("policy", sandbox.policy());
        fields.put("state", sandbox.running() ? "running" : "stopped");
        fields.put("running", sandbox.running());
        fields.put("ownerPid", sandbox.ownerPid().isPresent() ? sandbox.ownerPid().getAsLong() : null);
        fields.put("ownerAlive", sandbox.ownerAlive());
        fields.put("command", sandbox.command());
        return fields;
    }

    static List<Map<String, Object>> unreachable(List<EachRuntime.Unreachable> unreachable) {
        return unreachable.stream().map(runtime -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("runtime", runtime.runtime());
            fields.put("reason", runtime.reason());
            return fields;
        }).toList();
    }

    static String json(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
