package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output as progress: coalesced, strictly increasing, whole characters, everything sent by the end. */
class OutputProgressTest {

    private final List<ProgressNotification> sent = new ArrayList<>();
    private long now;
    private final ManualTimer timer = new ManualTimer();
    private final OutputProgress progress = new OutputProgress("t", sent::add, () -> now, timer);

    /** A timer on the test's clock: a flush runs when the test says its time has come. */
    private final class ManualTimer implements ProgressTimer {
        private final List<Long> dueAt = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        boolean closed;

        @Override
        public void schedule(Runnable flush, long delayNanos) {
            dueAt.add(now + delayNanos);
            tasks.add(flush);
        }

        /** Runs, once each, the flushes due by now (one may schedule another). */
        void runDue() {
            for (int i = 0; i < tasks.size(); i++) {
                if (dueAt.get(i) <= now) {
                    dueAt.set(i, Long.MAX_VALUE);
                    tasks.get(i).run();
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static OutputChunk out(String text) {
        return new OutputChunk(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunksWithinAnIntervalAreCoalesced() {
        progress.accept(out("a"));
        now += OutputProgress.INTERVAL_NANOS / 4;
        progress.accept(out("b"));
        progress.accept(new OutputChunk(StreamType.STDERR, "c".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a");

        now += OutputProgress.INTERVAL_NANOS;
        progress.accept(out("d"));
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a", "bstderr: cd");
        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(1.0, 4.0);
    }

    @Test
    void aHeldChunkIsSentWhenItsWindowEndsWithoutWaitingForTheNext() {
        progress.accept(out("a"));
        now += OutputProgress.INTERVAL_NANOS / 4;
        progress.accept(out("b"));
        timer.runDue();
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a"); // its window is still open

        now += OutputProgress.INTERVAL_NANOS * 3 / 4;
        timer.runDue();
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a", "b");
        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0);
        assertThat(timer.tasks).hasSize(1); // one flush for the held chunk, none while nothing is held
    }

    @Test
    void aSteadyTrickleIsSentAtMostOncePerIntervalAndNothingIsHeldLong() {
        List<Long> sentAt = new ArrayList<>();
        OutputProgress timed = new OutputProgress("t", n -> {
            sent.add(n);
            sentAt.add(now);
        }, () -> now, timer);
        for (int i = 0; i < 100; i++) { // a chunk every 30 ms for 3 s
            timed.accept(out("x"));
            now += OutputProgress.INTERVAL_NANOS * 3 / 10;
            timer.runDue();
        }
        now += OutputProgress.INTERVAL_NANOS;
        timer.runDue(); // the last chunk's window ends
        assertThat(sent).hasSizeBetween(20, 31);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).progress()).isGreaterThan(sent.get(i - 1).progress());
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).isGreaterThanOrEqualTo(OutputProgress.INTERVAL_NANOS);
        }
        assertThat(sent.get(sent.size() - 1).progress()).isEqualTo(100.0);
    }

    @Test
    void finishStopsTheTimerAndALateFlushSendsNothing() {
        progress.accept(out("a"));
        progress.accept(out("b"));
        progress.finish();
        assertThat(timer.closed).isTrue();
        now += OutputProgress.INTERVAL_NANOS;
        progress.accept(out("late"));
        timer.runDue();
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a", "b");
    }

    @Test
    void finishSendsWhatIsLeftAndNothingTwice() {
        progress.accept(out("a"));
        progress.accept(out("b"));
        progress.finish();
        progress.finish();
        progress.accept(out("late"));
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("a", "b");
        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0);
        assertThat(sent).extracting(ProgressNotification::progressToken).containsOnly("t");
    }

    @Test
    void aCharacterSplitAcrossChunksIsSentWhole() {
        byte[] bytes = "é€".getBytes(StandardCharsets.UTF_8); // 2 + 3 bytes
        progress.accept(new OutputChunk(StreamType.STDOUT, Arrays.copyOfRange(bytes, 0, 1)));
        now += OutputProgress.INTERVAL_NANOS;
        progress.accept(new OutputChunk(StreamType.STDOUT, Arrays.copyOfRange(bytes, 1, 3)));
        now += OutputProgress.INTERVAL_NANOS;
        progress.accept(new OutputChunk(StreamType.STDOUT, Arrays.copyOfRange(bytes, 3, 5)));
        assertThat(sent).extracting(ProgressNotification::message).containsExactly("", "é", "€");
        assertThat(sent).extracting(ProgressNotification::progress).containsExactly(1.0, 3.0, 5.0);
    }

    @Test
    void completeLengthLeavesOutAnUnfinishedSequence() {
        assertThat(OutputProgress.completeLength("ab".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(OutputProgress.completeLength(new byte[] {'a', (byte) 0xe2, (byte) 0x82})).isEqualTo(1);
        assertThat(OutputProgress.completeLength(new byte[] {'a', (byte) 0xe2, (byte) 0x82, (byte) 0xac}))
                .isEqualTo(4);
    }

    @Test
    void aFloodIsCutInTheMessageButCountedInTheProgress() {
        progress.accept(out("x"));
        progress.accept(out("y".repeat(OutputProgress.MAX_MESSAGE_CHARS * 2)));
        progress.finish();
        assertThat(sent.get(1).message()).hasSizeLessThan(OutputProgress.MAX_MESSAGE_CHARS * 2)
                .endsWith("[more in the result]");
        assertThat(sent.get(1).progress()).isEqualTo(1.0 + OutputProgress.MAX_MESSAGE_CHARS * 2);
    }
}
