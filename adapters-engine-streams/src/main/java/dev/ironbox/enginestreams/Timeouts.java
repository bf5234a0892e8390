package dev.ironbox.enginestreams;

import java.time.Duration;

/** Duration arithmetic that neither overflows nor goes negative. */
public final class Timeouts {

    /** Longer waits are cut to this (about 73 years), so deadline arithmetic cannot overflow. */
    private static final long LONGEST = Long.MAX_VALUE / 4;

    private Timeouts() {}

    /** {@code timeout} in nanoseconds, saturated to {@code [0, Long.MAX_VALUE / 4]}. */
    public static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return Math.min(timeout.toNanos(), LONGEST);
        } catch (ArithmeticException tooLong) {
            return LONGEST;
        }
    }

    /** A {@link System#nanoTime()} deadline {@code timeout} from now (compare by subtraction). */
    public static long deadline(Duration timeout) {
        return System.nanoTime() + nanos(timeout);
    }

    /** What is left until {@code deadline}, never negative. */
    public static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
