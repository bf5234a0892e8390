package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What {@code ironbox mcp} serves over its standard streams: an MCP server for one client, on the operator's terms.
 * The executable supplies it (the CLI does not see the MCP SDK); a build without one refuses {@code ironbox mcp}.
 */
public interface AssistantServer {

    /**
     * Serves one client until it disconnects ({@code in} ends) or the calling thread is interrupted (SIGTERM,
     * SIGINT), then stops what the client left running and returns. Writes nothing but protocol to {@code out}; the
     * caller closes {@code sandbox} afterwards.
     *
     * @param sandbox runs the client's commands and sessions
     * @param terms what every call is held to: a call may only narrow it
     * @param in the client's messages
     * @param out the server's messages, and nothing else
     * @throws InterruptedException when interrupted before the server could stop by itself
     */
    void serve(Sandbox sandbox, AssistantTerms terms, InputStream in, OutputStream out) throws InterruptedException;

    /** A build without an MCP server: {@code ironbox mcp} fails with one line. */
    static AssistantServer unavailable() {
        return (sandbox, terms, in, out) -> {
            throw new InvalidConfigurationException("this build of ironbox has no MCP server");
        };
    }
}
