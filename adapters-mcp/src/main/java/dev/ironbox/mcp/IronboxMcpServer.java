package dev.ironbox.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.settings.AssistantTerms;
import dev.ironbox.mcp.call.InFlightCalls;
import dev.ironbox.mcp.tools.IronboxTools;
import dev.ironbox.mcp.transport.JsonLinesTransportProvider;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ironbox mcp}: serves Ironbox's tools ({@code run}, the {@code session_*} tools, {@code write_file},
 * {@code read_file}) to one MCP client over a line-delimited JSON-RPC stream (stdio), on the operator's terms.
 */
public final class IronboxMcpServer {

    static final String INSTRUCTIONS = "Ironbox runs commands for you in sandboxes: every run is a fresh, hardened, "
            + "throwaway container (no privileges, limited CPU, memory, time and output, network only as the operator "
            + "allows), removed when the command ends. Use `run` for one command; use a session (`session_start`, "
            + "`session_exec`, `write_file`, `read_file`, `session_stop`) when files or state must carry over between "
            + "commands. The operator who started this server fixed the image, policy, workspace, limits and network; "
            + "a call may ask for a shorter timeout or less output, never more. Each tool's description says the "
            + "terms. A non-zero exit code is a result, not an error. Stop the sessions you no longer need.";

    private static final Logger LOG = LoggerFactory.getLogger(IronboxMcpServer.class);
    private static final AtomicLong TOOL_THREADS = new AtomicLong();
    /** How long the end waits for answers of cancelled calls to be written; the calls themselves are waited for. */
    private static final long ANSWERS_WAIT_SECONDS = 10;

    private IronboxMcpServer() {}

    /**
     * Serves until the client disconnects ({@code in} ends) or this thread is interrupted (SIGTERM, SIGINT), then
     * cancels the calls still running and stops the sessions the client started, and returns (with the thread's
     * interrupt status set again when it was interrupted). Only protocol messages are written to {@code out}, and
     * nothing after this returns; the streams and {@code sandbox} stay open (the caller closes them).
     *
     * @param version the server version announced to the client
     * @throws InterruptedException never in practice: an interrupt ends serving, and is restored on return
     */
    public static void serve(Sandbox sandbox, AssistantTerms terms, InputStream in, OutputStream out, String version)
            throws InterruptedException {
        InFlightCalls calls = new InFlightCalls();
        IronboxTools tools = new IronboxTools(sandbox, terms, calls);
        serve(calls, tools.specifications(), tools::close, in, out, version);
    }

    /** The seam for tests: serves {@code specs}, whose cleanup {@code closeTools} runs after the calls ended. */
    static void serve(InFlightCalls calls, List<SyncToolSpecification> specs, Runnable closeTools, InputStream in,
            OutputStream out, String version) {
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        // one thread per tool call, so that a long run never waits for a free thread (nor makes others wait)
        ExecutorService toolThreads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "ironbox-mcp-tool-" + TOOL_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        JsonLinesTransportProvider transport = new JsonLinesTransportProvider(json, in, out, calls, toolThreads);
        McpSyncServer server = McpServer.sync(transport)
                .jsonMapper(json)
                .serverInfo("ironbox", version)
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().tools(false).build())
                // the transport already runs each tool call on a thread of its own, and the rest in order; the SDK's
                // default would queue sync calls on Reactor's boundedElastic (10 threads per core)
                .immediateExecution(true)
                // the tools check their own arguments and name the argument and what it takes; the SDK's schema check
                // would answer first, with the validator's wording ("[: required property 'x' not found]")
                .validateToolInputs(false)
                // requestTimeout (10 s by default) bounds only the server's own requests to the client (ping,
                // roots, sampling), which Ironbox does not make: a tool call runs as long as the terms allow
                .tools(specs)
                .build();
        boolean interrupted = false;
        try {
            transport.disconnected().get();
            LOG.debug("The MCP client disconnected");
        } catch (InterruptedException e) {
            interrupted = true; // cleaned up below with the interrupt status clear, so the cleanup is not cut short
            LOG.debug("Interrupted: the MCP server stops");
        } catch (ExecutionException e) {
            LOG.warn("The MCP transport failed: {}", e.getCause().toString());
        } finally {
            end(calls, closeTools, toolThreads, server);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cancels the calls (and waits for their cleanup), stops the client's sessions, then closes the server. */
    private static void end(InFlightCalls calls, Runnable closeTools, ExecutorService toolThreads,
            McpSyncServer server) {
        calls.closeAll();
        try {
            closeTools.run();
        } catch (RuntimeException e) {
            LOG.error("Stopping the MCP client's sessions failed: {}", e.toString());
        }
        toolThreads.shutdown();
        try {
            if (!toolThreads.awaitTermination(ANSWERS_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Some MCP tool calls had not answered {} s after the end; their answers are dropped",
                        ANSWERS_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.warn("Closing the MCP server failed: {}", e.toString());
        }
    }
}
