package dev.ironbox.docker;

import com.github.dockerjava.api.model.Frame;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.util.function.Consumer;

/**
 * Delivers a container's or an exec's multiplexed output to a core sink. docker-java reuses the frame's buffer, so
 * the payload is copied (by {@link OutputChunk}) before this returns and never kept.
 */
final class FrameCallback extends StreamCallback<Frame> {

    private final Consumer<OutputChunk> sink;

    FrameCallback(Consumer<OutputChunk> sink) {
        this.sink = sink;
    }

    @Override
    public void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null || payload.length == 0) {
            return;
        }
        // STDIN frames carry what the process wrote to stdout; RAW is an un-multiplexed (TTY) stream
        StreamType stream = switch (frame.getStreamType()) {
            case STDERR -> StreamType.STDERR;
            case STDOUT, STDIN, RAW -> StreamType.STDOUT;
        };
        try {
            sink.accept(new OutputChunk(stream, payload));
        } catch (RuntimeException | Error e) {
            // docker-java's stream thread would die silently and the output end would never come: fail the stream
            onError(e);
            close();
        }
    }
}
