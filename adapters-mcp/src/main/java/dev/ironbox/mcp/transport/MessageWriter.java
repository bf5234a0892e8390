package dev.ironbox.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the client's stream: each message as compact JSON on a line of its own, flushed, one message at a
 * time (tool calls answer from many threads). The first failed write means the client is gone: it is logged once,
 * {@code onClientGone} runs, and every later message is dropped quietly. Thread-safe.
 */
final class MessageWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageWriter.class);

    private final McpJsonMapper json;
    private final OutputStream out;
    private final Runnable onClientGone;
    private boolean gone;

    MessageWriter(McpJsonMapper json, OutputStream out, Runnable onClientGone) {
        this.json = json;
        this.out = out;
        this.onClientGone = onClientGone;
    }

    /** Writes {@code message}; false when it was dropped (the client is gone, or it could not be serialized). */
    boolean write(JSONRPCMessage message) {
        byte[] bytes;
        try {
            // compact JSON escapes every newline inside strings, so one message is exactly one line
            bytes = json.writeValueAsBytes(message);
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not serialize a message to the MCP client; dropped it: {}", e.toString());
            return false;
        }
        synchronized (this) {
            if (gone) {
                LOG.debug("The MCP client is gone; dropped a message");
                return false;
            }
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
                return true;
            } catch (IOException e) {
                gone = true;
                LOG.warn("The MCP client is gone (writing to it failed: {}); serving ends", e.getMessage());
            }
        }
        onClientGone.run(); // only a failed write gets here; outside the lock, as closing the session may write
        return false;
    }

    /** Writes nothing more (the session is closed; the stream stays open: it is the caller's). */
    synchronized void close() {
        gone = true;
    }
}
