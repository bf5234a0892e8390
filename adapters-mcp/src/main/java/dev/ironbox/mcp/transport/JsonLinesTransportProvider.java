package dev.ironbox.mcp.transport;

import dev.ironbox.mcp.call.InFlightCalls;
import dev.ironbox.mcp.transport.BoundedLineReader.Line;
import dev.ironbox.mcp.transport.JsonRpcLines.Inbound;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One MCP client over a pair of streams carrying line-delimited JSON-RPC (stdio), for the SDK's classic server.
 * Written here rather than taken from the SDK's {@code StdioServerTransportProvider}, which ends the session at the
 * first malformed line and has no place for cancellation or request ids (docs/decisions/mcp-stdio-transport.md).
 *
 * <p>One reader thread reads {@code in}: a line that is not JSON is answered with a parse error (-32700), JSON that
 * is not a JSON-RPC message with an invalid request (-32600), a line over the limit with -32600 naming the limit,
 * and serving goes on in every case. {@code notifications/cancelled} cancels the call in {@link InFlightCalls}; a
 * {@code tools/call} gets its request id in {@code _meta} ({@link InFlightCalls#REQUEST_ID_META}) and is handled on
 * {@code toolCalls}, so a long call never holds up reading (nor a cancellation, nor another call); every other
 * message is handled in order on the reader thread (the server must be built with {@code immediateExecution(true)}).
 * The end of {@code in}, or a failed write (the client is gone), completes {@link #disconnected()}.
 *
 * <p>The streams are the caller's: they are never closed here. A reader thread blocked on {@code in} when the
 * session is closed ends at its next line or when the caller closes {@code in}.
 */
public final class JsonLinesTransportProvider implements McpServerTransportProvider {

    /** The longest message (line) read, in bytes; a longer one is skipped. */
    public static final int MAX_LINE_BYTES = 32 * 1024 * 1024;

    static final String METHOD_CANCELLED = "notifications/cancelled";

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesTransportProvider.class);

    private final McpJsonMapper json;
    private final InputStream in;
    private final InFlightCalls calls;
    private final Executor toolCalls;
    private final int maxLineBytes;
    private final JsonRpcLines lines;
    private final MessageWriter writer;
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();
    private final AtomicBoolean sessionClosed = new AtomicBoolean();
    /**
     * Requests the client cancelled while they were handled: their answers are dropped, as the protocol asks
     * ("receivers SHOULD NOT send a response for a cancelled request"; a client reports one as an unknown id).
     */
    private final Set<String> cancelledByClient = ConcurrentHashMap.newKeySet();
    /** Calls that came before the client said it is initialized: the SDK would run them on the reader thread. */
    private final List<JSONRPCRequest> beforeInitialized = new ArrayList<>(); // reader thread only
    private boolean initialized; // reader thread only
    private volatile McpServerSession session;

    public JsonLinesTransportProvider(
            McpJsonMapper json, InputStream in, OutputStream out, InFlightCalls calls, Executor toolCalls) {
        this(json, in, out, calls, toolCalls, MAX_LINE_BYTES);
    }

    /** As above, reading lines of at most {@code maxLineBytes} (a server that moves larger files needs longer). */
    public JsonLinesTransportProvider(McpJsonMapper json, InputStream in, OutputStream out, InFlightCalls calls,
            Executor toolCalls, int maxLineBytes) {
        this.json = json;
        this.in = in;
        this.calls = calls;
        this.toolCalls = toolCalls;
        this.maxLineBytes = maxLineBytes;
        this.lines = new JsonRpcLines(json);
        this.writer = new MessageWriter(json, out, this::endSession);
    }

    /** Completes when the client has gone (its input ended, or it cannot be written to) or the session closed. */
    public CompletableFuture<Void> disconnected() {
        return disconnected.copy();
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        session = sessionFactory.create(new SessionTransport());
        Thread reader = new Thread(this::readAll, "ironbox-mcp-reader");
        reader.setDaemon(true); // it may stay blocked on a stdin nobody closes; it must not keep the JVM alive
        reader.start();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.defer(() -> session == null
                ? Mono.error(new IllegalStateException("No MCP client connected yet"))
                : session.sendNotification(method, params));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> session == null ? Mono.fromRunnable(this::closed) : session.closeGracefully());
    }

    @Override
    public void close() {
        if (session == null) {
            closed();
        } else {
            session.close();
        }
    }

    private void readAll() {
        BoundedLineReader reader = new BoundedLineReader(in, maxLineBytes);
        try {
            Line line;
            while (!disconnected.isDone() && (line = reader.next()) != null) {
                try {
                    if (!disconnected.isDone()) {
                        accept(line);
                    }
                } catch (RuntimeException e) {
                    LOG.error("Handling a line from the MCP client failed; serving goes on", e);
                }
            }
            LOG.debug("The MCP client's input ended");
        } catch (IOException e) {
            if (!disconnected.isDone()) {
                LOG.info("Reading from the MCP client failed ({}); serving ends", e.getMessage());
            }
        } finally {
            endSession();
        }
    }

    private void accept(Line line) {
        if (line.oversize()) {
            String limit = maxLineBytes + " bytes"
                    + (maxLineBytes >= 1 << 20 ? " (" + (maxLineBytes >> 20) + " MiB)" : "");
            writer.write(JsonRpcLines.error(null, ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: a message is at most " + limit + "; this line was longer and was skipped"));
            return;
        }
        if (line.notUtf8()) {
            writer.write(JsonRpcLines.error(null, ErrorCodes.PARSE_ERROR, "Parse error: the line is not valid UTF-8"));
            return;
        }
        if (line.text().isBlank()) {
            return;
        }
        Inbound inbound = lines.read(line.text());
        if (inbound.error() != null) {
            LOG.debug("Answered a bad line with {}", inbound.error().error().message());
            writer.write(inbound.error());
        } else {
            dispatch(inbound.message());
        }
    }

    private void dispatch(JSONRPCMessage message) {
        if (message instanceof JSONRPCNotification notification && METHOD_CANCELLED.equals(notification.method())) {
            cancel(notification); // the SDK has no handler for it
        } else if (message instanceof JSONRPCRequest request && McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
            Optional<JsonRpcLines.ErrorResponse> refusal = ToolCallRequests.refusal(request);
            if (refusal.isPresent()) {
                writer.write(refusal.get());
                return;
            }
            JSONRPCRequest call = ToolCallRequests.withRequestId(request);
            if (initialized) {
                handleElsewhere(call);
            } else {
                beforeInitialized.add(call);
            }
        } else {
            handle(message);
            if (!initialized && message instanceof JSONRPCNotification notification
                    && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
                initialized = true;
                beforeInitialized.forEach(this::handleElsewhere);
                beforeInitialized.clear();
            }
        }
    }

    private void cancel(JSONRPCNotification notification) {
        if (notification.params() instanceof Map<?, ?> params && params.get("requestId") != null) {
            String requestId = InFlightCalls.key(params.get("requestId"));
            LOG.debug("The client cancelled request {}", requestId);
            if (beforeInitialized.removeIf(call -> InFlightCalls.key(call.id()).equals(requestId))) {
                return; // never started: nothing to stop, nothing to answer
            }
            // one interrupt, from InFlightCalls alone: a second one would cut the call's cleanup short
            cancelledByClient.add(requestId); // before the cancel: the call may answer at once
            if (!calls.cancel(requestId)) {
                cancelledByClient.remove(requestId); // a finished call's id is not kept: its answer is already out
            }
        }
    }

    private void handleElsewhere(JSONRPCRequest call) {
        String requestId = InFlightCalls.key(call.id());
        calls.expect(requestId); // a cancel that comes before the handler reaches InFlightCalls still reaches it
        try {
            toolCalls.execute(() -> {
                try {
                    handle(call); // the SDK answers on this thread (immediate execution): the answer is out after it
                } finally {
                    calls.forget(requestId);
                    cancelledByClient.remove(requestId); // a cancel that came after the answer drops nothing later
                    Thread.interrupted(); // an interrupt of this call stays with it, not the thread's next call
                }
            });
        } catch (RejectedExecutionException e) {
            calls.forget(requestId);
            LOG.debug("Dropped tool call {}: the server is shutting down", call.id());
        }
    }

    /** Lets the SDK handle the message on this thread; it writes the answer through {@link SessionTransport}. */
    private void handle(JSONRPCMessage message) {
        session.handle(message)
                .subscribe(null, e -> LOG.warn("Handling an MCP message failed: {}", e.toString()));
    }

    /** The client is gone: closes the session (once), which completes {@link #disconnected()}. */
    private void endSession() {
        McpServerSession current = session;
        if (current != null && sessionClosed.compareAndSet(false, true)) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the MCP session failed: {}", e.toString());
            }
        }
        disconnected.complete(null);
    }

    /** The session's transport closed: nothing more is read or written. */
    private void closed() {
        sessionClosed.set(true);
        writer.close();
        disconnected.complete(null);
    }

    /** The SDK's view of the one client: writes go through the one writer. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                if (message instanceof JSONRPCResponse response
                        && cancelledByClient.remove(InFlightCalls.key(response.id()))) {
                    LOG.debug("Dropped the answer to request {}: the client cancelled it", response.id());
                } else {
                    writer.write(message);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(JsonLinesTransportProvider.this::closed);
        }

        @Override
        public void close() {
            closed();
        }
    }
}
