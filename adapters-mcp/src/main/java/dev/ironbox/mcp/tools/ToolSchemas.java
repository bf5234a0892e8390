package dev.ironbox.mcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools' JSON schemas, as the maps the SDK sends in {@code tools/list}. Input schemas refuse unknown properties
 * ({@code additionalProperties: false}); output schemas describe the structured content the handlers return.
 */
final class ToolSchemas {

    private ToolSchemas() {}

    static Map<String, Object> runInput(boolean inSession) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (inSession) {
            properties.put(FileArguments.SESSION_ID, sessionId());
        }
        properties.put(CommandArguments.COMMAND, Map.of("type", "array", "items", Map.of("type", "string"),
                "minItems", 1, "description", "The program and its arguments, run directly (no shell). Give this "
                        + "or shell."));
        properties.put(CommandArguments.SHELL, Map.of("type", "string", "minLength", 1,
                "description", "A command line, run as sh -c. Give this or command."));
        properties.put(CommandArguments.TIMEOUT, Map.of("type", "number", "exclusiveMinimum", 0,
                "description", "Seconds before the command is killed; only shorter than the server's timeout."));
        properties.put(CommandArguments.MAX_OUTPUT_BYTES, Map.of("type", "integer", "minimum", 1,
                "description", "Bytes of output kept; only less than the server's budget."));
        properties.put(CommandArguments.ENV, Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                "description", "Variables the command sees, beside the server's own (which cannot be changed)."));
        properties.put(CommandArguments.STDIN, Map.of("type", "string",
                "description", "UTF-8 text the command reads on its standard input, then end-of-file."));
        return object(properties, inSession ? List.of(FileArguments.SESSION_ID) : List.of());
    }

    static Map<String, Object> none() {
        return object(new LinkedHashMap<>(), List.of());
    }

    static Map<String, Object> sessionOnly() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(FileArguments.SESSION_ID, sessionId());
        return object(properties, List.of(FileArguments.SESSION_ID));
    }

    static Map<String, Object> writeFileInput() {
        Map<String, Object> properties = fileProperties();
        properties.put(FileArguments.CONTENT, Map.of("type", "string",
                "description", "The file's content: UTF-8 text, or base64 when encoding is base64."));
        properties.put(FileArguments.ENCODING, encoding("How content is spelled"));
        return object(properties, List.of(FileArguments.SESSION_ID, FileArguments.PATH, FileArguments.CONTENT));
    }

    static Map<String, Object> readFileInput() {
        Map<String, Object> properties = fileProperties();
        properties.put(FileArguments.ENCODING, encoding("How the content is returned; text fails on bytes that are "
                + "not UTF-8"));
        return object(properties, List.of(FileArguments.SESSION_ID, FileArguments.PATH));
    }

    static Map<String, Object> runOutput() {
        Map<String, Object> event = new LinkedHashMap<>();
        for (String name : List.of("time", "method", "host", "reason")) {
            event.put(name, type("string"));
        }
        for (String name : List.of("port", "status", "bytesUp", "bytesDown")) {
            event.put(name, type("integer"));
        }
        event.put("allowed", type("boolean"));
        event.put("credentialInjected", type("boolean"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("exitCode", type("integer"));
        properties.put("stdout", type("string"));
        properties.put("stderr", type("string"));
        properties.put("truncated", type("boolean"));
        properties.put("timedOut", type("boolean"));
        properties.put("oomKilled", type("boolean"));
        properties.put("durationMs", type("integer"));
        properties.put("network", Map.of("type", "array", "items", result(event)));
        properties.put("pooled", type("boolean"));
        return result(properties);
    }

    static Map<String, Object> sessionOutput() {
        return result(strings("sessionId", "image", "workspace", "policy"));
    }

    static Map<String, Object> stopOutput() {
        Map<String, Object> properties = strings("sessionId");
        properties.put("stopped", type("boolean"));
        return result(properties);
    }

    static Map<String, Object> listOutput() {
        Map<String, Object> session = strings("sessionId", "state", "image", "policy", "created", "expires");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sessions", Map.of("type", "array", "items",
                object(session, List.of("sessionId", "state"), true)));
        return result(properties);
    }

    static Map<String, Object> writeFileOutput() {
        Map<String, Object> properties = strings("path");
        properties.put("bytes", type("integer"));
        return result(properties);
    }

    static Map<String, Object> readFileOutput() {
        Map<String, Object> properties = strings("path", "encoding", "content");
        properties.put("bytes", type("integer"));
        return result(properties);
    }

    private static Map<String, Object> fileProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(FileArguments.SESSION_ID, sessionId());
        properties.put(FileArguments.PATH, Map.of("type", "string", "pattern", "^/",
                "description", "Absolute path of the file in the session, such as /workspace/notes.txt."));
        return properties;
    }

    private static Map<String, Object> sessionId() {
        return Map.of("type", "string", "description", "A session ID that session_start returned.");
    }

    private static Map<String, Object> encoding(String description) {
        return Map.of("type", "string", "enum", List.of("text", "base64"), "default", "text",
                "description", description + ": text (UTF-8) or base64.");
    }

    private static Map<String, Object> strings(String... names) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : names) {
            properties.put(name, type("string"));
        }
        return properties;
    }

    private static Map<String, Object> type(String type) {
        return Map.of("type", type);
    }

    /** An output object: every property is always there. */
    private static Map<String, Object> result(Map<String, Object> properties) {
        return object(properties, List.copyOf(properties.keySet()), true);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return object(properties, required, false);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required, boolean open) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (!open) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }
}
