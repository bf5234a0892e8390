package dev.ironbox.core.inventory;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.label.ProcessStartTicks;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the process named by a container's (or network's) owner labels still lives. A pid alone is not enough:
 * it names that process only on the same boot and in the same pid namespace (elsewhere it is absent or another
 * process), and after the owner died its pid may have been reused, so the process's start time must match too.
 */
public final class OwnerLiveness {

    /** What can be said about an owner from here. */
    public enum Owner {
        ALIVE,
        /** Provably gone: recorded at this very place, and its pid is gone or names a later process. */
        DEAD,
        /** Recorded elsewhere, or by labels that do not say where (or name no pid): never judged dead. */
        UNKNOWN
    }

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

    /** The owner's state as seen from this process. */
    public static Owner owner(Map<String, String> labels) {
        return owner(labels, OwnerPlace.current());
    }

    /**
     * The owner's state as seen from {@code here}: as the runtime's {@link OwnerLabels#OWNER_LEASE} says when present;
     * otherwise DEAD only when the labels were made at {@code here} and the
     * labelled process is gone or started at another time than the label says (an unknown start time on either side
     * is not held against a live process).
     */
    static Owner owner(Map<String, String> labels, OwnerPlace here) {
        String lease = labels.get(OwnerLabels.OWNER_LEASE);
        // the runtime keeps the owners: its word is the only one that holds across machines. Ironbox sets it empty on
        // what it creates, so that an image's LABEL (Docker and Podman copy those onto the container) cannot set it
        if (lease != null && !lease.isEmpty()) {
            return switch (lease) {
                case OwnerLabels.LEASE_HELD -> Owner.ALIVE;
                case OwnerLabels.LEASE_EXPIRED, OwnerLabels.LEASE_MISSING -> Owner.DEAD;
                default -> Owner.UNKNOWN;
            };
        }
        OptionalLong pid = ownerPid(labels);
        if (pid.isEmpty() || !here.sameAs(OwnerLabels.place(labels))) {
            return Owner.UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
        if (process.isEmpty() || !process.get().isAlive()) {
            return Owner.DEAD;
        }
        String labelledTicks = labels.get(OwnerLabels.OWNER_START_TICKS);
        Optional<String> actualTicks = ProcessStartTicks.of(pid.getAsLong());
        if (labelledTicks != null && labelledTicks.matches("\\d+") && actualTicks.isPresent()) {
            // the same boot (the place matched): ticks since boot compare exactly, whatever the wall clock did
            return labelledTicks.equals(actualTicks.get()) ? Owner.ALIVE : Owner.DEAD;
        }
        Optional<Instant> labelled = parse(labels.get(OwnerLabels.OWNER_STARTED));
        Optional<Instant> actual = process.get().info().startInstant();
        if (labelled.isEmpty() || actual.isEmpty()) {
            return Owner.ALIVE;
        }
        boolean sameStart = Duration.between(labelled.get(), actual.get()).abs().compareTo(START_TOLERANCE) <= 0;
        return sameStart ? Owner.ALIVE : Owner.DEAD;
    }

    private static Optional<Instant> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
