package dev.ironbox.core.model;

import java.util.List;

/**
 * What {@code ironbox cleanup} removed on one runtime, and what it could not remove.
 *
 * @param runtime the runtime id
 * @param containers containers removed
 * @param networks networks removed, by name ({@code ironbox-net-<uuid>}; by id when an engine names none)
 * @param failures one line per thing that could not be removed, with the reason
 * @param owners one line per expired owner the runtime removed first, with what it owned
 *     ({@link dev.ironbox.core.port.out.ContainerRuntime#reapExpiredOwners()}: Kubernetes' lapsed Leases)
 */
public record CleanupReport(String runtime, List<ContainerId> containers, List<String> networks,
        List<String> failures, List<String> owners) {

    /** Copies the lists; none may be {@code null}. */
    public CleanupReport {
        containers = List.copyOf(containers);
        networks = List.copyOf(networks);
        failures = List.copyOf(failures);
        owners = List.copyOf(owners);
    }

    /** A report of a runtime that keeps no owners of its own (none expired). */
    public CleanupReport(String runtime, List<ContainerId> containers, List<String> networks, List<String> failures) {
        this(runtime, containers, networks, failures, List.of());
    }
}
