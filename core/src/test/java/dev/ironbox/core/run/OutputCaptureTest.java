package dev.ironbox.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    private static OutputChunk out(String text) {
        return new OutputChunk(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static OutputChunk err(String text) {
        return new OutputChunk(StreamType.STDERR, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shortOutputIsKeptWhole() {
        OutputCapture capture = new OutputCapture(100);
        capture.accept(out("hello "));
        capture.accept(out("world"));
        capture.accept(err("oops"));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdout()).isEqualTo("hello world");
        assertThat(c.stderr()).isEqualTo("oops");
        assertThat(c.stdoutDropped()).isZero();
        assertThat(c.stderrDropped()).isZero();
    }

    @Test
    void longOutputKeepsHeadAndTailAroundAMarkerAndCountsWhatWasDropped() {
        OutputCapture capture = new OutputCapture(20);
        capture.accept(out("0123456789"));
        capture.accept(out("abcdefghij".repeat(10)));
        capture.accept(out("ZYXWVUTSRQ"));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdout()).startsWith("0123456789").endsWith("ZYXWVUTSRQ").contains("100 bytes truncated");
        assertThat(c.stdoutDropped()).isEqualTo(100);
    }

    @Test
    void anEmptyStreamLeavesItsShareToTheOther() {
        OutputCapture capture = new OutputCapture(100);
        capture.accept(out("x".repeat(90)));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdout()).isEqualTo("x".repeat(90));
        assertThat(c.stdoutDropped()).isZero();
    }

    @Test
    void twoLongStreamsShareTheBudgetEqually() {
        OutputCapture capture = new OutputCapture(100);
        capture.accept(out("o".repeat(500)));
        capture.accept(err("e".repeat(500)));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdoutDropped()).isEqualTo(450);
        assertThat(c.stderrDropped()).isEqualTo(450);
    }

    @Test
    void aShortStreamKeepsAllAndTheOtherGetsTheRest() {
        OutputCapture capture = new OutputCapture(100);
        capture.accept(out("o".repeat(500)));
        capture.accept(err("e".repeat(10)));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stderr()).isEqualTo("e".repeat(10));
        assertThat(c.stdoutDropped()).isEqualTo(410);
    }

    @Test
    void cutsNeverSplitAMultiByteCharacter() {
        for (int budget = 7; budget < 40; budget++) {
            OutputCapture capture = new OutputCapture(budget);
            // a chunk boundary inside a character too: the euro sign is E2 82 AC
            byte[] euros = "€".repeat(50).getBytes(StandardCharsets.UTF_8);
            capture.accept(new OutputChunk(StreamType.STDOUT, java.util.Arrays.copyOfRange(euros, 0, 76)));
            capture.accept(new OutputChunk(StreamType.STDOUT, java.util.Arrays.copyOfRange(euros, 76, euros.length)));
            OutputCapture.Captured c = capture.finish();
            String kept = c.stdout().replaceAll("\n\\[\\.\\.\\. ironbox: \\d+ bytes truncated \\.\\.\\.]\n", "");
            assertThat(kept).as("budget %d", budget).doesNotContain("\uFFFD").matches("€*");
            assertThat(kept.getBytes(StandardCharsets.UTF_8).length + c.stdoutDropped()).isEqualTo(150);
            assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void aCharacterAcrossTheHeadTailSeamSurvivesWhenNothingIsCut() {
        // 999 bytes of euro signs in a 1001-byte budget: the head holds 500 bytes, so one character straddles the seam
        OutputCapture capture = new OutputCapture(1001);
        capture.accept(new OutputChunk(StreamType.STDOUT, "€".repeat(333).getBytes(StandardCharsets.UTF_8)));
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdout()).isEqualTo("€".repeat(333));
        assertThat(c.stdoutDropped()).isZero();
    }

    @Test
    void memoryStaysBoundedWhateverTheVolume() {
        OutputCapture capture = new OutputCapture(1024);
        byte[] mb = new byte[1 << 20];
        java.util.Arrays.fill(mb, (byte) 'a');
        for (int i = 0; i < 64; i++) {
            capture.accept(new OutputChunk(StreamType.STDOUT, mb));
        }
        OutputCapture.Captured c = capture.finish();
        assertThat(c.stdoutDropped()).isEqualTo((64L << 20) - 1024);
    }
}
