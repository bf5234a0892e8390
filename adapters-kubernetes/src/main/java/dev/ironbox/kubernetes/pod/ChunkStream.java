package dev.ironbox.kubernetes.pod;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One stream of an attach (fabric8 writes each frame's payload of the stdout or the stderr channel here, in order, on
 * its own thread) turned into core chunks of that stream: the demultiplexing is the attach protocol's (one channel per
 * stream); this only labels the bytes.
 */
final class ChunkStream extends OutputStream {

    private final StreamType stream;
    private final Consumer<OutputChunk> sink;

    ChunkStream(StreamType stream, Consumer<OutputChunk> sink) {
        this.stream = stream;
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        sink.accept(new OutputChunk(stream, new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > 0) {
            sink.accept(new OutputChunk(stream, Arrays.copyOfRange(bytes, offset, offset + length)));
        }
    }
}
