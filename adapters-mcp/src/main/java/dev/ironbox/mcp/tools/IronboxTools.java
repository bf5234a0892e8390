package dev.ironbox.mcp.tools;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Ironbox's MCP tools over one sandbox service, on the operator's terms. The sessions the client starts are this
 * object's: only they are visible to the client, and {@link #close()} stops them.
 */
public final class IronboxTools implements AutoCloseable {

    private final OwnedSessions sessions;
    private final List<SyncToolSpecification> specifications;

    public IronboxTools(Sandbox sandbox, AssistantTerms terms, InFlightCalls calls) {
        this.sessions = new OwnedSessions(sandbox);
        ToolCalls guard = new ToolCalls(calls);
        ToolDescriptions describe = new ToolDescriptions(terms);
        CommandHandlers commands = new CommandHandlers(sandbox, terms, sessions);
        SessionHandlers session = new SessionHandlers(sandbox, terms, sessions);
        List<String> sessionOnly = List.of(FileArguments.SESSION_ID);
        List<String> execNames = new ArrayList<>(sessionOnly);
        execNames.addAll(CommandArguments.NAMES);
        List<SyncToolSpecification> specs = new ArrayList<>();
        specs.add(spec("run", describe.run(), ToolSchemas.runInput(false), ToolSchemas.runOutput(),
                guard.handler("run", ToolCalls.CANCELLED, CommandArguments.NAMES, commands::run)));
        specs.add(spec("session_start", describe.sessionStart(), ToolSchemas.none(), ToolSchemas.sessionOutput(),
                guard.handler("session_start", ToolCalls.START_CANCELLED, List.of(), session::start)));
        specs.add(spec("session_exec", describe.sessionExec(), ToolSchemas.runInput(true), ToolSchemas.runOutput(),
                guard.handler("session_exec", ToolCalls.EXEC_CANCELLED, List.copyOf(execNames),
                        commands::exec)));
        specs.add(spec("session_stop", describe.sessionStop(), ToolSchemas.sessionOnly(), ToolSchemas.stopOutput(),
                guard.handler("session_stop", ToolCalls.STOP_CANCELLED, sessionOnly, session::stop)));
        specs.add(spec("session_list", describe.sessionList(), ToolSchemas.none(), ToolSchemas.listOutput(),
                guard.handler("session_list", ToolCalls.LIST_CANCELLED, List.of(), session::list)));
        specs.add(spec("write_file", describe.writeFile(), ToolSchemas.writeFileInput(),
                ToolSchemas.writeFileOutput(),
                guard.handler("write_file", ToolCalls.WRITE_CANCELLED, FileArguments.writeNames(),
                        session::writeFile)));
        specs.add(spec("read_file", describe.readFile(), ToolSchemas.readFileInput(), ToolSchemas.readFileOutput(),
                guard.handler("read_file", ToolCalls.READ_CANCELLED, FileArguments.readNames(), session::readFile)));
        this.specifications = List.copyOf(specs);
    }

    /** Every tool, with its schemas and handler. */
    public List<SyncToolSpecification> specifications() {
        return specifications;
    }

    /** Stops every session the client started; never throws. */
    @Override
    public void close() {
        sessions.stopAll();
    }

    private static SyncToolSpecification spec(String name, String description, Map<String, Object> input,
            Map<String, Object> output, BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        Tool tool = Tool.builder(name, input).description(description).outputSchema(output).build();
        return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
    }
}
