package dev.ironbox.egress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS to an upstream: the plain bytes go into the engine with credential tokens swapped for secrets
 * ({@link TokenSwap}) in {@link #wrap}, the one step between the plain buffers (which this connection's DEBUG lines
 * print, tokens and all) and the encrypted ones. The secret exists only in the copy the engine encrypts.
 */
final class SecretWrappingSslConnection extends SslConnection {

    private final TokenSwap swap;

    SecretWrappingSslConnection(ByteBufferPool pool, Executor executor, SslContextFactory factory, EndPoint endPoint,
            SSLEngine engine, boolean directForEncryption, boolean directForDecryption, TokenSwap swap) {
        super(pool, executor, factory, endPoint, engine, directForEncryption, directForDecryption);
        this.swap = swap;
    }

    /** Built by the superclass's constructor, before {@link #swap} is set: it reads the field only on a write. */
    @Override
    protected SslEndPoint newSslEndPoint() {
        return new SslEndPoint() {
            @Override
            public void write(Callback callback, ByteBuffer... buffers) {
                swap.markHead(buffers);
                super.write(callback, buffers);
            }
        };
    }

    @Override
    protected SSLEngineResult wrap(SSLEngine engine, ByteBuffer[] appOuts, ByteBuffer encrypted) throws SSLException {
        TokenSwap.Swap swapped;
        try {
            swapped = swap.prepare(appOuts);
        } catch (IOException e) {
            throw new SSLException(e.getMessage());
        }
        if (swapped == null) {
            return super.wrap(engine, appOuts, encrypted);
        }
        SSLEngineResult result = super.wrap(engine, swapped.view(), encrypted);
        long consumed = swapped.settle();
        return new SSLEngineResult(result.getStatus(), result.getHandshakeStatus(), (int) consumed,
                result.bytesProduced());
    }
}
