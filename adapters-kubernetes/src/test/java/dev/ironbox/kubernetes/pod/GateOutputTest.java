package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The gate's markers held back and dropped from stdout, however the attach cuts them into frames. */
class GateOutputTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final GateOutput out = new GateOutput(sink);

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void markersInPiecesAndOutputInTheSameFrameAsTheLastMarker() throws Exception {
        write("y 1\n\u001eironbox-re");
        assertThat(out.awaitMarker(0)).isFalse();
        write("ady 2\n");
        assertThat(out.awaitMarker(0)).isTrue();
        out.releasedAfter(3);
        write("\u001eironbox-ready 3\nhello");
        write(" world\n\u001eironbox-ready 3\n");

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("hello world\n\u001eironbox-ready 3\n");
    }

    @Test
    void theLastMarkerSeenBeforeGoLetsEverythingAfterThrough() throws Exception {
        write("\u001eironbox-ready 1\n");
        out.releasedAfter(1);
        write("out");

        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("out");
    }

    @Test
    void nothingPassesBeforeGo() throws Exception {
        write("\u001eironbox-ready 1\nnot the command's\n");

        assertThat(sink.size()).isZero();
    }
}
