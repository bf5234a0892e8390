package dev.ironbox.docker;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Docker's multiplexed stream (a non-TTY attach or exec): frames of an 8-byte header — the stream (0 stdin,
 * 1 stdout, 2 stderr), three zero bytes, the payload length as a big-endian 32-bit number — and the payload.
 */
final class Frames {

    private static final int HEADER = 8;
    /** Payloads are read and delivered in pieces of at most this size. */
    private static final int MAX_CHUNK = 64 * 1024;

    private Frames() {}

    /**
     * Delivers every frame's payload to {@code sink} until {@code in} ends at a frame boundary.
     *
     * @throws EOFException when the stream ends inside a frame
     * @throws IOException when reading fails or a header names an unknown stream
     */
    static void demultiplex(InputStream in, Consumer<OutputChunk> sink) throws IOException {
        byte[] header = new byte[HEADER];
        byte[] buffer = new byte[MAX_CHUNK];
        while (true) {
            int got = in.readNBytes(header, 0, HEADER);
            if (got == 0) {
                return;
            }
            if (got < HEADER) {
                throw new EOFException("the output stream ended inside a frame header");
            }
            StreamType stream = stream(header[0]);
            long length = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            while (length > 0) {
                int want = (int) Math.min(length, buffer.length);
                int read = in.readNBytes(buffer, 0, want);
                if (read < want) {
                    throw new EOFException("the output stream ended inside a frame");
                }
                sink.accept(new OutputChunk(stream, java.util.Arrays.copyOf(buffer, read)));
                length -= read;
            }
        }
    }

    private static StreamType stream(byte type) throws IOException {
        return switch (type) {
            // stdin frames carry what the process wrote to stdout (as in FrameCallback)
            case 0, 1 -> StreamType.STDOUT;
            case 2 -> StreamType.STDERR;
            default -> throw new IOException("not a multiplexed stream: frame of stream type " + type);
        };
    }
}
