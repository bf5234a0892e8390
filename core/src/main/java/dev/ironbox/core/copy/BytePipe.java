package dev.ironbox.core.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded in-memory pipe between two threads. Unlike {@link java.io.PipedInputStream} it does not care which
 * threads write or read (engine adapters deliver output and consume input on pool threads that come and go), and
 * either side can close it: once the reader closes, writes fail at once instead of blocking forever. Closing the
 * writing side never blocks, even on a full pipe whose reader has stopped reading.
 */
final class BytePipe {

    private static final byte[] END = new byte[0];
    private static final int CHUNKS = 64;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean readerClosed;
    private volatile boolean writerClosed;

    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (writerClosed) {
                throw new IOException("pipe closed by its writer");
            }
            if (len > 0) {
                put(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        }

        @Override
        public void close() {
            closeWriter();
        }
    };

    private final InputStream source = new InputStream() {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended || readerClosed) {
                    return -1;
                }
                current = take();
                position = 0;
                ended = current == END;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closeReader();
        }
    };

    /** Where the producer writes; closing it is end-of-file for the reader. */
    OutputStream sink() {
        return sink;
    }

    /** Where the consumer reads; closing it makes further writes fail. */
    InputStream source() {
        return source;
    }

    /** Closes the writing side, as closing {@link #sink()} does: end-of-file for the reader. Never blocks. */
    void closeWriter() {
        if (writerClosed) {
            return;
        }
        writerClosed = true;
        // END wakes the reader at once when there is room; when full, the reader sees writerClosed once drained.
        chunks.offer(END);
    }

    /** Closes the reading side: further writes fail, pending data is dropped. */
    void closeReader() {
        readerClosed = true;
        chunks.clear();
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (readerClosed) {
                    throw new IOException("pipe closed by its reader");
                }
            }
            if (readerClosed) {
                chunks.clear();
                throw new IOException("pipe closed by its reader");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to a pipe");
        }
    }

    private byte[] take() throws IOException {
        try {
            byte[] chunk;
            while ((chunk = chunks.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (readerClosed) {
                    return END;
                }
                if (writerClosed) {
                    // Every write happened before the flag was set: what is queued now is all there is.
                    chunk = chunks.poll();
                    return chunk == null ? END : chunk;
                }
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from a pipe");
        }
    }
}
