package dev.ironbox.kubernetes.cluster;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One output stream of an exec or an attach as the {@link OutputStream} fabric8 writes each frame's payload to (the
 * protocol has one channel per stream; on its own serial executor, in order): every write is one {@link OutputChunk}
 * of {@link #stream} for the sink. A sink that blocks holds back
 * the next frame, and fabric8 asks the API server for more only after a write returned: backpressure, not buffering.
 */
public final class ChunkOutput extends OutputStream {

    private final StreamType stream;
    private final Consumer<OutputChunk> sink;

    public ChunkOutput(StreamType stream, Consumer<OutputChunk> sink) {
        this.stream = stream;
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        sink.accept(new OutputChunk(stream, new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len > 0) {
            // OutputChunk copies what it is given
            sink.accept(new OutputChunk(stream, off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len)));
        }
    }
}
