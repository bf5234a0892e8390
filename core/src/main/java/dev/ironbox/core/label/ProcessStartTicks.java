package dev.ironbox.core.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * When a process started, in clock ticks since boot, as the kernel keeps it ({@code /proc/PID/stat}, field 22): exact
 * and immune to changes of the wall clock. {@link ProcessHandle.Info#startInstant()} adds the boot time that each JVM
 * reads once, in whole seconds, from a wall clock that may have moved since: two JVMs can then disagree about one
 * process's start by seconds, and a live owner was taken for a dead one.
 */
public final class ProcessStartTicks {

    /** Field 22 is the 20th after the command's name, which ends at the last ')'. */
    private static final int START_FIELD_AFTER_NAME = 19;

    private ProcessStartTicks() {}

    /** The start of process {@code pid}; empty when it is gone or {@code /proc} cannot say (not Linux). */
    public static Optional<String> of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> parse(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split(" +");
        if (fields.length <= START_FIELD_AFTER_NAME || !fields[START_FIELD_AFTER_NAME].matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(fields[START_FIELD_AFTER_NAME]);
    }
}
