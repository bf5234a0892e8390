package dev.ironbox.mcp.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client's side of a server's input: lines (or raw bytes) sent from any thread arrive in order; {@link #end()}
 * is the client closing it. Unlike {@code PipedInputStream}, it does not care which threads write or read.
 */
public final class LinePipe extends InputStream {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** Sends {@code line} and its newline. */
    public void send(String line) {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) {
        chunks.add(bytes.clone());
    }

    /** The end of input. */
    public void end() {
        chunks.add(END);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (current == END) {
                ended = true;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, count);
        position += count;
        return count;
    }
}
