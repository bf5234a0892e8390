package dev.ironbox.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every installed runtime, and what configuration and {@code auto} make of them.
 *
 * @param runtimes each installed runtime, in {@code auto}'s order (priority, highest first)
 * @param configured what configuration asks for; empty when the configuration is broken
 * @param configurationProblem why the configuration cannot be read (e.g. a syntax error in the config file)
 * @param autoPick the runtime {@code auto} would use now: the first usable one
 * @param configuredPick the runtime the current configuration would use now
 */
public record RuntimesReport(List<RuntimeDiagnosis> runtimes, Optional<RuntimeChoice> configured,
        Optional<String> configurationProblem, Optional<String> autoPick, Optional<String> configuredPick) {

    /**
     * Copies the runtimes.
     *
     * @throws NullPointerException when a component is {@code null}
     */
    public RuntimesReport {
        runtimes = List.copyOf(runtimes);
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(configurationProblem, "configurationProblem");
        Objects.requireNonNull(autoPick, "autoPick");
        Objects.requireNonNull(configuredPick, "configuredPick");
    }

    /** Whether at least one runtime can run sandboxes. */
    public boolean anyUsable() {
        return runtimes.stream().anyMatch(RuntimeDiagnosis::usable);
    }
}
