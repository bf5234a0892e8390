package dev.ironbox.enginestreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void negativeWaitsAreZeroAndHugeOnesSaturateWithoutOverflow() {
        assertThat(Timeouts.nanos(Duration.ofSeconds(-1))).isZero();
        assertThat(Timeouts.nanos(Duration.ofMillis(5))).isEqualTo(5_000_000L);
        assertThat(Timeouts.nanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE / 4);
        long deadline = Timeouts.deadline(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(deadline - System.nanoTime()).isPositive();
        assertThat(Timeouts.remaining(Timeouts.deadline(Duration.ofSeconds(-5)))).isEqualTo(Duration.ZERO);
    }
}
