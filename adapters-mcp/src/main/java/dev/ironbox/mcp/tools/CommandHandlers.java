package dev.ironbox.mcp.tools;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.function.Consumer;

/** The {@code run} and {@code session_exec} tools: one command, on the operator's terms, narrowed as the call asks. */
final class CommandHandlers {

    private final Sandbox sandbox;
    private final AssistantTerms terms;
    private final OwnedSessions sessions;

    CommandHandlers(Sandbox sandbox, AssistantTerms terms, OwnedSessions sessions) {
        this.sandbox = sandbox;
        this.terms = terms;
        this.sessions = sessions;
    }

    CallToolResult run(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
            throws InterruptedException {
        CommandArguments command = CommandArguments.from(arguments);
        var run = terms.run(command.command(), command.env(), command.stdin(), command.asked());
        return withProgress(request, exchange, live -> sandbox.run(run, live));
    }

    CallToolResult exec(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
            throws InterruptedException {
        String sessionId = sessions.owned(arguments.requiredString(FileArguments.SESSION_ID,
                FileArguments.SESSION_ID_TAKES));
        CommandArguments command = CommandArguments.from(arguments);
        var exec = terms.exec(sessionId, command.command(), command.env(), command.stdin(), command.asked());
        return withProgress(request, exchange, live -> sandbox.execInSession(exec, live));
    }

    /**
     * The run, its output sent as progress when the call asked for it, all of it before the result: also when the run
     * fails or is cancelled (core does not wait for its output follower then), so progress ends in a finally and
     * drops whatever arrives later.
     */
    private static CallToolResult withProgress(CallToolRequest request, McpSyncServerExchange exchange,
            Execution execution) throws InterruptedException {
        Object token = request.progressToken();
        if (token == null || exchange == null) {
            return RunResultContent.of(execution.run(chunk -> {}));
        }
        OutputProgress progress = new OutputProgress(token, exchange::progressNotification, System::nanoTime,
                ProgressTimer.daemon());
        try {
            return RunResultContent.of(execution.run(progress));
        } finally {
            progress.finish();
        }
    }

    @FunctionalInterface
    private interface Execution {
        RunResult run(Consumer<OutputChunk> live) throws InterruptedException;
    }
}
