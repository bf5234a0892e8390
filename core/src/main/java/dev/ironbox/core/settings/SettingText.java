package dev.ironbox.core.settings;

import java.time.Duration;

/** How settings' values are spelled when no one wrote them (the built-in defaults): as the flags take them. */
public final class SettingText {

    private SettingText() {}

    /** The largest exact unit: {@code 2g}, {@code 64k}, {@code 1000}. */
    public static String bytes(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * {@code 2h}, {@code 30m}, {@code 120s}, {@code 500ms}: what {@code Durations.parsePositive} reads; minutes only
     * from 10 minutes up, so a run's 120s reads as people say it.
     */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis >= 600_000) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /** {@code 2}, {@code 1.5}: a whole number of cores without a fraction. */
    public static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : Double.toString(cpus);
    }
}
