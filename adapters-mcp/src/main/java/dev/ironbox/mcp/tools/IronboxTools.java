package dev.ironbox.mcp.tools;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.mcp.call.InFlightCalls;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.List;

/**
 * Ironbox's MCP tools over one sandbox service, on the operator's terms. The sessions the client starts are this
 * object's: only they are visible to the client, and {@link #close()} stops them.
 */
public final class IronboxTools implements AutoCloseable {

    public IronboxTools(Sandbox sandbox, AssistantTerms terms, InFlightCalls calls) {
        // the tools helper builds it
    }

    /** Every tool, with its schemas and handler. */
    public List<SyncToolSpecification> specifications() {
        return List.of(); // the tools helper builds it
    }

    /** Stops every session the client started; never throws. */
    @Override
    public void close() {
    }
}
