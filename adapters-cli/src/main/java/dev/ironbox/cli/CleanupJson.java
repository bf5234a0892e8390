package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ContainerId;
import java.util.List;

/**
 * The {@code --json} form of {@code ironbox cleanup}: {@code ok} (every runtime answered without a failure), what
 * each runtime removed, and the runtimes that did not answer.
 */
@JsonPropertyOrder({"ok", "runtimes", "unreachable"})
record CleanupJson(boolean ok, List<Removed> runtimes, List<SandboxesJson.Unreachable> unreachable) {

    static CleanupJson of(List<CleanupReport> reports, List<EachRuntime.Unreachable> unreachable) {
        return new CleanupJson(!reports.isEmpty() && reports.stream().allMatch(report -> report.failures().isEmpty()),
                reports.stream().map(Removed::of).toList(), SandboxesJson.Unreachable.of(unreachable));
    }

    /**
     * {@code owners}: the expired owners the runtime removed first (Kubernetes' lapsed Leases); added last, and only
     * when there are some (the runtimes that keep no owners answer as before).
     */
    @JsonPropertyOrder({"runtime", "containers", "networks", "failures", "owners"})
    record Removed(String runtime, List<String> containers, List<String> networks, List<String> failures,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> owners) {

        static Removed of(CleanupReport report) {
            return new Removed(report.runtime(), report.containers().stream().map(ContainerId::value).toList(),
                    report.networks(), report.failures(), report.owners());
        }
    }
}
