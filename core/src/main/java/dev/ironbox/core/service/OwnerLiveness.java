package dev.ironbox.core.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the process named by a container's (or network's) owner labels still lives. A pid alone is not enough:
 * after the owner died its pid may have been reused, so the process's start time must match the label too.
 */
final class OwnerLiveness {

    /** Start times are computed from clock ticks and boot time; two JVMs may round them differently. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private OwnerLiveness() {}

    /** The owner pid the labels name; empty when there is none (a detached session) or it is malformed. */
    static OptionalLong ownerPid(Map<String, String> labels) {
        String pid = labels.get(OwnerLabels.OWNER_PID);
        try {
            return pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * True when the labelled owner process runs now and started when the label says (an unknown start time on
     * either side is not held against it). False when the labels name no owner.
     */
    static boolean ownerAlive(Map<String, String> labels) {
        OptionalLong pid = ownerPid(labels);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> labelled = parse(labels.get(OwnerLabels.OWNER_STARTED));
        Optional<Instant> actual = process.get().info().startInstant();
        if (labelled.isEmpty() || actual.isEmpty()) {
            return true;
        }
        return Duration.between(labelled.get(), actual.get()).abs().compareTo(START_TOLERANCE) <= 0;
    }

    private static Optional<Instant> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
