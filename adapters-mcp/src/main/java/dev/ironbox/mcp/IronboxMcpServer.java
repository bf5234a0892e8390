package dev.ironbox.mcp;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code ironbox mcp}: serves Ironbox's tools ({@code run}, the {@code session_*} tools, {@code write_file},
 * {@code read_file}) to one MCP client over a line-delimited JSON-RPC stream (stdio), on the operator's terms.
 */
public final class IronboxMcpServer {

    private IronboxMcpServer() {}

    /**
     * Serves until the client disconnects ({@code in} ends) or this thread is interrupted (SIGTERM, SIGINT), then
     * cancels the calls still running and stops the sessions the client started, and returns. Only protocol
     * messages are written to {@code out}; the caller closes {@code sandbox} afterwards.
     *
     * @param version the server version announced to the client
     */
    public static void serve(Sandbox sandbox, AssistantTerms terms, InputStream in, OutputStream out, String version)
            throws InterruptedException {
        throw new UnsupportedOperationException("not built yet"); // the transport helper builds it
    }
}
