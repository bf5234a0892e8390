package dev.ironbox.core.model;

import java.util.List;

/**
 * What {@code ironbox cleanup} removed on one runtime, and what it could not remove.
 *
 * @param runtime the runtime id
 * @param containers containers removed
 * @param networks networks removed, by name ({@code ironbox-net-<uuid>}; by id when an engine names none)
 * @param failures one line per thing that could not be removed, with the reason
 */
public record CleanupReport(String runtime, List<ContainerId> containers, List<String> networks,
        List<String> failures) {

    /** Copies the lists; none may be {@code null}. */
    public CleanupReport {
        containers = List.copyOf(containers);
        networks = List.copyOf(networks);
        failures = List.copyOf(failures);
    }
}
