package dev.ironbox.app;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The client's transport with what the SDK's classic client lacks: a way to cancel a call. It records the JSON-RPC id
 * of every outgoing {@code tools/call} request and sends {@code notifications/cancelled} for one of them through the
 * same stdio stream the client uses. Everything else is passed to the wrapped transport unchanged.
 */
final class CancellingTransport implements McpClientTransport {

    private final McpClientTransport delegate;
    private final BlockingQueue<Object> toolCallIds = new LinkedBlockingQueue<>();

    CancellingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /** The id of the next {@code tools/call} request the client sends (or sent), waiting up to {@code patience}. */
    Object nextToolCallId(Duration patience) throws InterruptedException {
        Object id = toolCallIds.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            throw new AssertionError("the client sent no tools/call request within " + patience);
        }
        return id;
    }

    /** Sends {@code notifications/cancelled} for the request {@code requestId}, as a client that gives up does. */
    void cancel(Object requestId, String reason) {
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                Map.of("requestId", requestId, "reason", reason))).block(Duration.ofSeconds(10));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
            toolCallIds.add(request.id());
        }
        return delegate.sendMessage(message);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
