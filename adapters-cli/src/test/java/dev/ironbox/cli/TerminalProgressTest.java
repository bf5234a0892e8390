package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();
    private final TerminalProgress progress = new TerminalProgress(
            new PrintStream(terminal, true, StandardCharsets.UTF_8), "importing", now::get);

    @Test
    void percentWhenTheTotalIsKnownBytesOtherwise() {
        assertThat(TerminalProgress.describe(512, OptionalLong.empty())).isEqualTo("512 B");
        assertThat(TerminalProgress.describe(1536, OptionalLong.empty())).isEqualTo("1.5 KiB");
        assertThat(TerminalProgress.describe(3 << 20, OptionalLong.of(12 << 20))).isEqualTo("3.0 MiB of 12.0 MiB (25%)");
        assertThat(TerminalProgress.describe(5L << 30, OptionalLong.of(5L << 30))).isEqualTo("5.0 GiB of 5.0 GiB (100%)");
        assertThat(TerminalProgress.describe(10, OptionalLong.of(0))).as("a zero total is unknown").isEqualTo("10 B");
    }

    @Test
    void redrawsInPlaceAtMostEveryTenthOfASecondAndFinishesWithTheLastState() {
        progress.update(1 << 20, OptionalLong.empty());
        now.addAndGet(TerminalProgress.REDRAW_NANOS / 2);
        progress.update(2 << 20, OptionalLong.empty());  // too soon: not drawn now
        now.addAndGet(TerminalProgress.REDRAW_NANOS / 2);
        progress.update(100, OptionalLong.empty());      // drawn; shorter, so padded over the previous line
        progress.update(200, OptionalLong.empty());      // too soon
        progress.finish();

        assertThat(text()).isEqualTo("\rimporting: 1.0 MiB"
                + "\rimporting: 100 B  "
                + "\rimporting: 200 B"
                + System.lineSeparator());
    }

    @Test
    void finishingWithoutAnyUpdatePrintsNothing() {
        progress.finish();

        assertThat(text()).isEmpty();
    }

    private String text() {
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
