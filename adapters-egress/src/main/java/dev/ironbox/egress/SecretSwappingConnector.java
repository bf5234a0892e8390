package dev.ironbox.egress;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The upstream client's connector: where the secrets go into the bytes, below every Jetty layer that logs a buffer.
 * A plain-HTTP connection writes through a {@link SecretWritingEndPoint}; a TLS one encrypts in a
 * {@link SecretWrappingSslConnection} (and its socket then carries only cipher text, so it swaps nothing). Each swaps
 * only the tokens bound for its own destination host.
 */
final class SecretSwappingConnector extends ClientConnector {

    private final SecretTokens tokens;

    SecretSwappingConnector(SecretTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
        // before the end point exists, the key's attachment is the connect context, which names the destination
        if (channel instanceof SocketChannel socket && key.attachment() instanceof Map<?, ?> context
                && context.get(Destination.CONTEXT_KEY) instanceof Destination destination
                && !destination.getOrigin().isSecure()) {
            return new SecretWritingEndPoint(socket, selector, key, getScheduler(),
                    new TokenSwap(tokens, destination.getOrigin().getAddress().getHost()));
        }
        return super.newEndPoint(channel, selector, key);
    }

    @Override
    public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client factory,
            ClientConnectionFactory next) {
        SslContextFactory.Client tls = factory == null ? getSslContextFactory() : factory;
        return new SslClientConnectionFactory(tls, getByteBufferPool(), getExecutor(), next) {
            @Override
            protected SslConnection newSslConnection(EndPoint endPoint, SSLEngine engine) {
                return new SecretWrappingSslConnection(getByteBufferPool(), getExecutor(), getSslContextFactory(),
                        endPoint, engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption(),
                        new TokenSwap(tokens, engine.getPeerHost() == null ? "" : engine.getPeerHost()));
            }
        };
    }
}
