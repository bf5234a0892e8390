package dev.ironbox.mcp.transport;

import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the transport does to a {@code tools/call} before the SDK sees it. */
final class ToolCallRequests {

    private ToolCallRequests() {}

    /**
     * The error answer for a call whose {@code arguments} is not an object; empty for any other call. The SDK would
     * answer it -32603 with Jackson's multi-line message.
     */
    static Optional<JsonRpcLines.ErrorResponse> refusal(JSONRPCRequest request) {
        if (request.params() instanceof Map<?, ?> params && params.get("arguments") != null
                && !(params.get("arguments") instanceof Map<?, ?>)) {
            return Optional.of(JsonRpcLines.error(request.id(), ErrorCodes.INVALID_PARAMS,
                    "Invalid params: a tool's arguments are an object of named values"));
        }
        return Optional.empty();
    }

    /**
     * The request with {@code params._meta[REQUEST_ID_META]} set to its id's key (a client's own value is replaced),
     * so its handler can find it in {@link InFlightCalls}.
     */
    @SuppressWarnings("unchecked")
    static JSONRPCRequest withRequestId(JSONRPCRequest request) {
        Map<String, Object> params = request.params() instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given)
                : new LinkedHashMap<>();
        Map<String, Object> meta = params.get("_meta") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given)
                : new LinkedHashMap<>();
        meta.put(InFlightCalls.REQUEST_ID_META, InFlightCalls.key(request.id()));
        params.put("_meta", meta);
        return new JSONRPCRequest(request.jsonrpc(), request.method(), request.id(), params);
    }
}
