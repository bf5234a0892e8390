package dev.ironbox.mcp.tools;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every tool call goes through: its arguments are read (unknown ones refused), its work runs on its own thread
 * in {@link InFlightCalls} (so a client can cancel it), and whatever goes wrong becomes a tool error of one line. No
 * exception leaves a handler: the server keeps serving whatever a call does.
 */
final class ToolCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    /**
     * What a cancelled call did, per tool: each says what is true after it (core removes what an interrupted call
     * made; a session stop is not interruptible and runs to its end).
     */
    static final String CANCELLED = "cancelled: the command was killed and its sandbox removed";
    static final String EXEC_CANCELLED = "cancelled: the command was killed; the session goes on";
    static final String START_CANCELLED = "cancelled: no session was started; what was made of it is removed";
    static final String STOP_CANCELLED = "cancelled, but a stop runs to its end: session_list shows whether the "
            + "session is gone";
    static final String WRITE_CANCELLED = "cancelled: the copy was stopped; the file in the session may be missing"
            + " or partly written";
    static final String READ_CANCELLED = "cancelled: nothing was read; the session is unchanged";
    static final String LIST_CANCELLED = "cancelled: nothing was changed";

    /** A tool's work, given its checked-for-unknowns arguments. */
    @FunctionalInterface
    interface Work {
        CallToolResult call(Arguments arguments, CallToolRequest request, McpSyncServerExchange exchange)
                throws Exception;
    }

    private final InFlightCalls calls;

    ToolCalls(InFlightCalls calls) {
        this.calls = calls;
    }

    /** The SDK handler of tool {@code name}, taking {@code accepted} arguments; {@code cancelled}: its cancel line. */
    BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler(String name, String cancelled,
            List<String> accepted, Work work) {
        return (exchange, request) -> {
            try {
                Arguments arguments = Arguments.of(request.arguments(), accepted);
                return calls.call(InFlightCalls.requestId(request.meta()),
                        () -> work.call(arguments, request, exchange));
            } catch (ToolArgumentException | IronboxException e) {
                return error(e.getMessage());
            } catch (CancellationException e) {
                return error(cancelled);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(cancelled);
            } catch (Exception e) {
                LOG.error("tool {} failed unexpectedly", name, e);
                return error("internal error: " + e);
            }
        };
    }

    /** A tool error: the assistant reads the one line and may try again. */
    static CallToolResult error(String message) {
        String line = message == null ? "failed" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return CallToolResult.builder().addTextContent(line).isError(true).build();
    }
}
