package dev.ironbox.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.mcp.transport.BoundedLineReader.Line;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLinesWithoutTheirTerminatorsAndALastLineWithoutNewline() throws Exception {
        BoundedLineReader reader = new BoundedLineReader(bytes("one\r\ntwo\n\nthree"), 100);

        assertThat(reader.next()).isEqualTo(new Line("one", false));
        assertThat(reader.next()).isEqualTo(new Line("two", false));
        assertThat(reader.next()).isEqualTo(new Line("", false));
        assertThat(reader.next()).isEqualTo(new Line("three", false));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineOverTheLimitIsSkippedToItsNewlineAndReadingGoesOn() throws Exception {
        BoundedLineReader reader = new BoundedLineReader(bytes("12345\n123456\nnext\n"), 5);

        assertThat(reader.next()).isEqualTo(new Line("12345", false));
        assertThat(reader.next()).isEqualTo(new Line("", true));
        assertThat(reader.next()).isEqualTo(new Line("next", false));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aLineLongerThanTheBufferIsKeptWhole() throws Exception {
        String line = "é".repeat(100_000); // 200,000 bytes: several buffers, UTF-8 split across them
        BoundedLineReader reader = new BoundedLineReader(bytes(line + "\nx\n"), 1 << 20);

        assertThat(reader.next()).isEqualTo(new Line(line, false));
        assertThat(reader.next()).isEqualTo(new Line("x", false));
    }
}
