package dev.ironbox.mcp.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.List;
import java.util.Map;

/**
 * Turns one line of input into a JSON-RPC 2.0 message, or into the error response the client gets for it: a line
 * that is not JSON is a parse error (-32700, id null); JSON that is not a JSON-RPC message is an invalid request
 * (-32600, with the message's id when it has a usable one: MCP ids are strings or integers). Thread-safe.
 */
final class JsonRpcLines {

    /**
     * An error response the SDK's {@code JSONRPCResponse} cannot hold: its id may be null (JSON-RPC's answer to a
     * message whose id could not be read), which that record refuses.
     */
    @JsonPropertyOrder({"jsonrpc", "id", "error"})
    record ErrorResponse(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) Object id, JSONRPCError error)
            implements JSONRPCMessage {}

    /** What a line turned out to be: exactly one of {@code message} and {@code error} is set. */
    record Inbound(JSONRPCMessage message, ErrorResponse error) {
        static Inbound of(JSONRPCMessage message) {
            return new Inbound(message, null);
        }

        static Inbound invalid(Object id, String why) {
            return new Inbound(null, JsonRpcLines.error(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: " + why));
        }
    }

    private final McpJsonMapper json;

    JsonRpcLines(McpJsonMapper json) {
        this.json = json;
    }

    static ErrorResponse error(Object id, int code, String message) {
        return new ErrorResponse(McpSchema.JSONRPC_VERSION, id, new JSONRPCError(code, message));
    }

    Inbound read(String line) {
        Object value;
        try {
            value = json.readValue(line, Object.class);
        } catch (Exception e) {
            return new Inbound(null, error(null, ErrorCodes.PARSE_ERROR, "Parse error: " + firstLine(e)));
        }
        if (value instanceof List) {
            return Inbound.invalid(null, "batches are not supported; send one JSON-RPC message per line");
        }
        if (!(value instanceof Map<?, ?> map)) {
            return Inbound.invalid(null, "a JSON-RPC message is a JSON object");
        }
        Object id = map.get("id");
        if (id != null && !(id instanceof String) && !(id instanceof Integer) && !(id instanceof Long)) {
            return Inbound.invalid(null, "\"id\" must be a string or an integer");
        }
        if (!McpSchema.JSONRPC_VERSION.equals(map.get("jsonrpc"))) {
            return Inbound.invalid(id, "\"jsonrpc\" must be \"2.0\"");
        }
        try {
            if (map.containsKey("method")) {
                return request(map, id);
            }
            if ((map.containsKey("result") || map.containsKey("error")) && id != null) {
                return Inbound.of(json.convertValue(map, JSONRPCResponse.class));
            }
        } catch (IllegalArgumentException e) {
            return Inbound.invalid(id, firstLine(e));
        }
        return Inbound.invalid(id, "neither a request (\"method\" and \"id\"), a notification (\"method\") nor a "
                + "response (\"id\" and \"result\" or \"error\")");
    }

    private Inbound request(Map<?, ?> map, Object id) {
        if (!(map.get("method") instanceof String)) {
            return Inbound.invalid(id, "\"method\" must be a string");
        }
        Object params = map.get("params");
        if (params != null && !(params instanceof Map)) {
            return Inbound.invalid(id, "\"params\" must be an object");
        }
        if (map.containsKey("id")) {
            if (id == null) {
                return Inbound.invalid(null, "\"id\" must be a string or an integer");
            }
            return Inbound.of(json.convertValue(map, McpSchema.JSONRPCRequest.class));
        }
        return Inbound.of(json.convertValue(map, McpSchema.JSONRPCNotification.class));
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
