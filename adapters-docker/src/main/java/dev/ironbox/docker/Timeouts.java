package dev.ironbox.docker;

import java.time.Duration;

/** Duration arithmetic that neither overflows nor goes negative. */
final class Timeouts {

    private Timeouts() {}

    /** {@code timeout} in nanoseconds, saturated to {@code [0, Long.MAX_VALUE]}. */
    static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Longer waits are cut to this (about 73 years), so deadline arithmetic cannot overflow. */
    private static final long LONGEST = Long.MAX_VALUE / 4;

    /** A {@link System#nanoTime()} deadline {@code timeout} from now (compare by subtraction). */
    static long deadline(Duration timeout) {
        return System.nanoTime() + Math.min(nanos(timeout), LONGEST);
    }

    /** What is left until {@code deadline}, never negative. */
    static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
