package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demultiplexer as the Docker adapter used it (its former {@code Frames}): whole streams at once. */
class FramesTest {

    @Test
    void splitsStdoutAndStderrFrames() throws IOException {
        byte[] stream = concat(frame(1, "out"), frame(2, "err"), frame(1, ""), frame(0, "in"));
        List<OutputChunk> chunks = new ArrayList<>();
        FrameDemultiplexer.demultiplex(new ByteArrayInputStream(stream), chunks::add);
        assertThat(chunks).containsExactly(chunk(StreamType.STDOUT, "out"), chunk(StreamType.STDERR, "err"),
                chunk(StreamType.STDOUT, "in"));
    }

    @Test
    void aLargeFrameArrivesWholeInPieces() throws IOException {
        byte[] payload = new byte[200_000];
        new Random(1).nextBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameDemultiplexer.demultiplex(new ByteArrayInputStream(concat(header(1, payload.length), payload)), c -> {
            assertThat(c.length()).isLessThanOrEqualTo(64 * 1024);
            out.writeBytes(c.bytes());
        });
        assertThat(out.toByteArray()).isEqualTo(payload);
    }

    @Test
    void aStreamEndingInsideAFrameOrWithAnUnknownTypeFails() {
        byte[] cut = frame(1, "truncated");
        assertThatThrownBy(() -> FrameDemultiplexer.demultiplex(new ByteArrayInputStream(cut, 0, cut.length - 2), c -> {}))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> FrameDemultiplexer.demultiplex(new ByteArrayInputStream(cut, 0, 5), c -> {}))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> FrameDemultiplexer.demultiplex(new ByteArrayInputStream(frame(7, "x")), c -> {}))
                .hasMessageContaining("stream type 7");
    }

    private static OutputChunk chunk(StreamType stream, String text) {
        return new OutputChunk(stream, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return concat(header(type, bytes.length), bytes);
    }

    private static byte[] header(int type, int length) {
        return new byte[] {(byte) type, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
