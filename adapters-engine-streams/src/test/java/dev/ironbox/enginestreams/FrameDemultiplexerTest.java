package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDemultiplexerTest {

    private final List<OutputChunk> chunks = new ArrayList<>();

    private static byte[] frame(int stream, String payload) {
        return frame(stream, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8),
                (byte) n});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Hands out at most {@code step} bytes per read, so frames and headers arrive split. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private String joined(StreamType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.stream().filter(c -> c.stream() == type).forEach(c -> out.writeBytes(c.bytes()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void framesSplitAcrossReadsArriveWholeAndInOrderPerStream() throws IOException {
        byte[] stream = concat(frame(1, "out\nlast words"), frame(2, "err\n"), frame(1, "€ more"), frame(2, ""));
        for (int step : new int[] {1, 3, 7, 8, 9, 1024}) {
            chunks.clear();
            new FrameDemultiplexer(chunks::add).pump(trickle(stream, step));
            assertThat(joined(StreamType.STDOUT)).as("step %d", step).isEqualTo("out\nlast words€ more");
            assertThat(joined(StreamType.STDERR)).as("step %d", step).isEqualTo("err\n");
        }
    }

    @Test
    void aLargeFrameIsDeliveredInPiecesWithEveryByteCounted() throws IOException {
        byte[] big = new byte[3_000_003];
        Arrays.fill(big, (byte) 'a');
        new FrameDemultiplexer(chunks::add).pump(trickle(concat(frame(1, big)), 32 * 1024));
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().mapToLong(OutputChunk::length).sum()).isEqualTo(3_000_003);
    }

    @Test
    void stdinFramesCountAsStdout() throws IOException {
        new FrameDemultiplexer(chunks::add).pump(trickle(frame(0, "x"), 100));
        assertThat(chunks).containsExactly(new OutputChunk(StreamType.STDOUT, "x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEmptyStreamEndsCleanly() throws IOException {
        new FrameDemultiplexer(chunks::add).pump(InputStream.nullInputStream());
        assertThat(chunks).isEmpty();
    }

    @Test
    void anEndInsideAFrameIsAnError() {
        byte[] whole = frame(1, "hello");
        assertThatThrownBy(() -> new FrameDemultiplexer(chunks::add).pump(trickle(Arrays.copyOf(whole, 5), 2)))
                .isInstanceOf(EOFException.class).hasMessageContaining("inside a frame header");
        assertThatThrownBy(() -> new FrameDemultiplexer(chunks::add).pump(trickle(Arrays.copyOf(whole, 10), 2)))
                .isInstanceOf(EOFException.class).hasMessageContaining("3 bytes missing");
    }

    @Test
    void anEngineErrorFrameOrARawStreamIsAnError() {
        assertThatThrownBy(() -> new FrameDemultiplexer(chunks::add).pump(trickle(frame(3, "attach failed\n"), 4)))
                .isInstanceOf(IOException.class).hasMessage("the engine reported: attach failed");
        assertThatThrownBy(() -> new FrameDemultiplexer(chunks::add).pump(trickle(
                "hello, this is a TTY".getBytes(StandardCharsets.UTF_8), 64)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("not a multiplexed output stream");
    }
}
