package dev.ironbox.egress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The socket of a plain-HTTP upstream connection: its {@link #flush} hands the channel the bytes with credential
 * tokens swapped for secrets ({@link TokenSwap}). This is the last step before the kernel: Jetty's layers above
 * (the generator, {@code WriteFlusher}, which log the buffers they write) see only tokens, and this class's own
 * DEBUG line names counts, not bytes.
 */
final class SecretWritingEndPoint extends SocketChannelEndPoint {

    private final TokenSwap swap;

    SecretWritingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
            TokenSwap swap) {
        super(channel, selector, key, scheduler);
        this.swap = swap;
    }

    @Override
    public void write(Callback callback, ByteBuffer... buffers) {
        swap.markHead(buffers);
        super.write(callback, buffers);
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        TokenSwap.Swap swapped = swap.prepare(buffers);
        if (swapped == null) {
            return super.flush(buffers);
        }
        super.flush(swapped.view());
        swapped.settle();
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return false;
            }
        }
        return true;
    }
}
