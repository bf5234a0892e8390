package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The session tools: start, stop and list the client's own sessions, and move files into and out of them. */
final class SessionHandlers {

    private final Sandbox sandbox;
    private final AssistantTerms terms;
    private final OwnedSessions sessions;
    private final FileTransfer files;

    SessionHandlers(Sandbox sandbox, AssistantTerms terms, OwnedSessions sessions) {
        this.sandbox = sandbox;
        this.terms = terms;
        this.sessions = sessions;
        this.files = new FileTransfer(sandbox, terms);
    }

    CallToolResult start(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
            throws InterruptedException {
        SessionInfo info = sessions.start(() -> sandbox.startSession(terms.session()));
        if (Thread.interrupted()) {
            // cancelled as core returned: the client is told no session was started, so none may be left running
            sessions.stop(info.id());
            throw new InterruptedException("session_start was cancelled");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("sessionId", info.id());
        content.put("image", info.image() == null ? terms.session().image() : info.image());
        content.put("workspace", "/workspace");
        content.put("policy", info.policy().cliName());
        return result(content, "session " + info.id() + " started (image " + content.get("image") + ", policy "
                + info.policy().cliName() + ")");
    }

    CallToolResult stop(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange) {
        String sessionId = sessionId(arguments);
        sessions.stop(sessionId);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("sessionId", sessionId);
        content.put("stopped", true);
        return result(content, "session " + sessionId + " stopped and removed");
    }

    CallToolResult list(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange) {
        List<Map<String, Object>> described = sessions.describe();
        String text = described.isEmpty() ? "no sessions" : described.stream()
                .map(s -> s.get("sessionId") + " " + s.get("state")).collect(Collectors.joining("\n"));
        return result(Map.of("sessions", described), text);
    }

    CallToolResult writeFile(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
            throws Exception {
        String sessionId = sessionId(arguments);
        String path = FileArguments.path(arguments);
        byte[] content = FileArguments.content(arguments, FileArguments.encoding(arguments));
        long bytes = files.write(sessionId, path, content);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path);
        result.put("bytes", bytes);
        return result(result, "wrote " + bytes + " bytes to " + path);
    }

    CallToolResult readFile(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
            throws Exception {
        String sessionId = sessionId(arguments);
        String path = FileArguments.path(arguments);
        FileArguments.Encoding encoding = FileArguments.encoding(arguments);
        byte[] bytes = files.read(sessionId, path);
        String content = encoding == FileArguments.Encoding.TEXT
                ? FileTransfer.utf8(path, bytes) : Base64.getEncoder().encodeToString(bytes);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", path);
        result.put("bytes", bytes.length);
        result.put("encoding", encoding.jsonName());
        result.put("content", content);
        return result(result, content);
    }

    private String sessionId(Arguments arguments) {
        return sessions.owned(arguments.requiredString(FileArguments.SESSION_ID, FileArguments.SESSION_ID_TAKES));
    }

    private static CallToolResult result(Map<String, Object> content, String text) {
        return CallToolResult.builder().structuredContent(content).addTextContent(text).isError(false).build();
    }
}
