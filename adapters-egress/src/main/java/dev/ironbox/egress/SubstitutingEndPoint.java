package dev.ironbox.egress;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * The upstream HTTP/1.1 connection's view of its end point (the socket, or the plain side of TLS): writes go out with
 * {@link SecretTokens} swapped for the secrets they stand for, below every Jetty layer that logs requests; all else
 * is the wrapped end point's.
 */
final class SubstitutingEndPoint implements EndPoint {

    private final EndPoint endPoint;
    private final SecretTokens tokens;

    SubstitutingEndPoint(EndPoint endPoint, SecretTokens tokens) {
        this.endPoint = endPoint;
        this.tokens = tokens;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        ByteBuffer[] out = substituted(buffers);
        if (out == buffers) {
            endPoint.write(callback, buffers);
            return;
        }
        // the copies go out; the caller's buffers count as written once they are
        endPoint.write(Callback.from(() -> {
            for (ByteBuffer buffer : buffers) {
                buffer.position(buffer.limit());
            }
            callback.succeeded();
        }, callback::failed), out);
    }

    @Override
    public void write(boolean last, ByteBuffer buffer, Callback callback) {
        ByteBuffer[] out = substituted(buffer);
        if (out[0] == buffer) {
            endPoint.write(last, buffer, callback);
            return;
        }
        endPoint.write(last, out[0], Callback.from(() -> {
            buffer.position(buffer.limit());
            callback.succeeded();
        }, callback::failed));
    }

    /** Jetty's HTTP/1.1 client writes with {@link #write}; a direct flush of a token would send it unreplaced. */
    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (substituted(buffers) != buffers) {
            throw new IOException("ironbox: a credential token in a direct flush; not sent");
        }
        return endPoint.flush(buffers);
    }

    private ByteBuffer[] substituted(ByteBuffer... buffers) {
        ByteBuffer[] out = buffers;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer replaced = tokens.substitute(buffers[i]);
            if (replaced != null) {
                if (out == buffers) {
                    out = buffers.clone();
                }
                out[i] = replaced;
            }
        }
        return out;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return endPoint.getLocalSocketAddress();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return endPoint.getRemoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return endPoint.isOpen();
    }

    @Override
    public long getCreatedTimeStamp() {
        return endPoint.getCreatedTimeStamp();
    }

    @Override
    public void shutdownOutput() {
        endPoint.shutdownOutput();
    }

    @Override
    public boolean isOutputShutdown() {
        return endPoint.isOutputShutdown();
    }

    @Override
    public boolean isInputShutdown() {
        return endPoint.isInputShutdown();
    }

    @Override
    public void close() {
        endPoint.close();
    }

    @Override
    public void close(Throwable cause) {
        endPoint.close(cause);
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        return endPoint.fill(buffer);
    }

    @Override
    public Object getTransport() {
        return endPoint.getTransport();
    }

    @Override
    public long getIdleTimeout() {
        return endPoint.getIdleTimeout();
    }

    @Override
    public void setIdleTimeout(long idleTimeout) {
        endPoint.setIdleTimeout(idleTimeout);
    }

    @Override
    public void fillInterested(Callback callback) {
        endPoint.fillInterested(callback);
    }

    @Override
    public boolean tryFillInterested(Callback callback) {
        return endPoint.tryFillInterested(callback);
    }

    @Override
    public boolean isFillInterested() {
        return endPoint.isFillInterested();
    }

    @Override
    public Callback cancelWrite(Throwable cause) {
        return endPoint.cancelWrite(cause);
    }

    @Override
    public Connection getConnection() {
        return endPoint.getConnection();
    }

    @Override
    public void setConnection(Connection connection) {
        endPoint.setConnection(connection);
    }

    @Override
    public void onOpen() {
        endPoint.onOpen();
    }

    @Override
    public void onClose(Throwable cause) {
        endPoint.onClose(cause);
    }

    @Override
    public void upgrade(Connection newConnection) {
        endPoint.upgrade(newConnection);
    }

    @Override
    public SslSessionData getSslSessionData() {
        return endPoint.getSslSessionData();
    }

    @Override
    public boolean isSecure() {
        return endPoint.isSecure();
    }

    @Override
    public String toString() {
        return "SubstitutingEndPoint[" + endPoint + "]";
    }
}
