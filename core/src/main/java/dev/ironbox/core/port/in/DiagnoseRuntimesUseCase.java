package dev.ironbox.core.port.in;

import dev.ironbox.core.model.RuntimesReport;

/**
 * Probes every installed runtime and says which one {@code auto} and the current configuration would use
 * ({@code ironbox doctor}). Thread-safe.
 */
public interface DiagnoseRuntimesUseCase {

    /**
     * Connects to each runtime in turn, probes it, looks for the default image, and disconnects. Never throws for an
     * unreachable engine or a broken configuration: those are values in the report.
     */
    RuntimesReport diagnose();
}
