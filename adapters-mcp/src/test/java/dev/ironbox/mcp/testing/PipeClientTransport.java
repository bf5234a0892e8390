package dev.ironbox.mcp.testing;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK client's transport to a server in the same JVM, over the server's {@link LinePipe} input and
 * {@link LineSink} output (the SDK's own {@code StdioClientTransport} only starts a process).
 */
public final class PipeClientTransport implements McpClientTransport {

    private final McpJsonMapper json;
    private final LinePipe toServer;
    private final LineSink fromServer;
    private volatile boolean closed;

    public PipeClientTransport(McpJsonMapper json, LinePipe toServer, LineSink fromServer) {
        this.json = json;
        this.toServer = toServer;
        this.fromServer = fromServer;
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        Thread reader = new Thread(() -> {
            try {
                while (!closed) {
                    String line = fromServer.poll(Duration.ofMillis(100));
                    if (line != null) {
                        handler.apply(Mono.just(McpSchema.deserializeJsonRpcMessage(json, line))).subscribe();
                    }
                }
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        }, "test-mcp-client-reader");
        reader.setDaemon(true);
        reader.start();
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                toServer.send(json.writeValueAsString(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closed = true;
            toServer.end();
        });
    }
}
