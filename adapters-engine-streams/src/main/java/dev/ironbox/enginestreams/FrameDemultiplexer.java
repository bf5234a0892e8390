package dev.ironbox.enginestreams;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits the multiplexed stream of a non-TTY attach or exec (Docker's and Podman's alike) into {@link OutputChunk}s.
 * Each frame is an 8-byte header {@code [stream, 0, 0, 0, size (big-endian 32 bits)]} and {@code size} bytes of
 * output; stream 1 is stdout, 2 stderr, 0 (stdin) carries what a process wrote to stdout on some engines, 3 an error
 * from the engine itself. Any other stream or non-zero padding means the stream is not multiplexed (a TTY's raw
 * output, or garbage): an error, never output. A frame may arrive split over any number of reads; a large frame is
 * delivered in pieces of at most 64 KiB as it arrives. Not thread-safe: one reader per stream.
 */
public final class FrameDemultiplexer {

    /** The size of a frame header. */
    public static final int HEADER_BYTES = 8;
    private static final int PIECE_BYTES = 64 * 1024;

    private final Consumer<OutputChunk> sink;

    /** {@code sink} receives every payload, in order, on the thread that calls {@link #pump}. */
    public FrameDemultiplexer(Consumer<OutputChunk> sink) {
        this.sink = sink;
    }

    /** Reads {@code in} to its end, delivering every payload byte to {@code sink} in order. */
    public static void demultiplex(InputStream in, Consumer<OutputChunk> sink) throws IOException {
        new FrameDemultiplexer(sink).pump(in);
    }

    /**
     * Reads {@code in} to its end, delivering every payload byte in order.
     *
     * @throws EOFException when the stream ends inside a frame
     * @throws IOException when the stream breaks, carries an engine error (stream 3) or is not multiplexed
     */
    public void pump(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        byte[] buffer = new byte[PIECE_BYTES];
        while (true) {
            int got = in.readNBytes(header, 0, HEADER_BYTES);
            if (got == 0) {
                return; // a clean end between frames
            }
            if (got < HEADER_BYTES) {
                throw new EOFException("the output stream ended inside a frame header (" + got + " of 8 bytes)");
            }
            long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            int stream = header[0] & 0xff;
            if (stream > 3 || header[1] != 0 || header[2] != 0 || header[3] != 0) {
                throw new IOException("not a multiplexed output stream: frame of stream type " + stream
                        + " (frame header " + Arrays.toString(header) + ")");
            }
            if (stream == 3) {
                throw new IOException("the engine reported: " + new String(readFully(in, size), StandardCharsets.UTF_8)
                        .strip());
            }
            StreamType type = stream == 2 ? StreamType.STDERR : StreamType.STDOUT;
            while (size > 0) {
                int n = in.read(buffer, 0, (int) Math.min(size, buffer.length));
                if (n < 0) {
                    throw new EOFException("the output stream ended inside a frame (" + size + " bytes missing)");
                }
                if (n > 0) {
                    sink.accept(new OutputChunk(type, Arrays.copyOf(buffer, n)));
                    size -= n;
                }
            }
        }
    }

    private static byte[] readFully(InputStream in, long size) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(size, PIECE_BYTES));
        in.skipNBytes(size - bytes.length);
        return bytes;
    }
}
