package dev.ironbox.core.image;

import dev.ironbox.core.model.TransferProgress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** Counts the bytes read through it and tells a {@link TransferProgress} after every read. Not thread-safe. */
final class ProgressInputStream extends FilterInputStream {

    private final TransferProgress progress;
    private final OptionalLong total;
    private long bytes;

    ProgressInputStream(InputStream in, TransferProgress progress, OptionalLong total) {
        super(in);
        this.progress = progress;
        this.total = total;
    }

    /** Bytes read so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            advance(skipped);
        }
        return skipped;
    }

    /** Marks would make the count run backwards on reset. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void advance(long n) {
        bytes += n;
        progress.update(bytes, total);
    }
}
