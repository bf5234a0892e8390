package dev.ironbox.cli;

import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeDiagnosis;
import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.model.SandboxSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The human-readable form of {@code ironbox doctor}: one block per runtime, then what would be used. */
final class DoctorText {

    private static final String ROW = "    %-15s %s%n";

    private DoctorText() {}

    static String write(RuntimesReport report) {
        StringBuilder text = new StringBuilder();
        for (RuntimeDiagnosis runtime : report.runtimes()) {
            text.append(runtime(runtime));
        }
        if (report.runtimes().isEmpty()) {
            text.append(String.format("no runtime is installed%n"));
        }
        text.append(String.format("%n%-15s %s%n", "auto would use:", report.autoPick().orElse(noAutoPick(report))));
        text.append(String.format("%-15s %s%n", "configuration:", configuration(report)));
        return text.toString();
    }

    private static String runtime(RuntimeDiagnosis runtime) {
        StringBuilder text = new StringBuilder(String.format("%s (priority %d): %s%n", runtime.id(),
                runtime.priority(), runtime.usable() ? "available" : runtime.reachable()
                        ? "answers, but cannot run sandboxes" : "not available"));
        if (runtime.engine().isEmpty()) {
            runtime.namedEndpoint().ifPresent(named -> text.append(String.format(ROW, "endpoint",
                    named.address() + " (named by " + named.source() + "; no other is tried)")));
            return text.append(String.format(ROW, "reason", runtime.problem().orElse("unknown"))).toString();
        }
        EngineInfo engine = runtime.engine().get();
        runtime.problem().ifPresent(problem -> text.append(String.format(ROW, "problem", problem)));
        text.append(String.format(ROW, "version", engine.version() + " (API " + engine.apiVersion() + ")"));
        text.append(String.format(ROW, "endpoint", engine.endpoint() + runtime.namedEndpoint()
                .map(named -> " (named by " + named.source() + ")").orElse(" (found: no endpoint named)")));
        engine.socket().map(Path::toString).ifPresent(socket -> text.append(String.format(ROW, "socket", socket)));
        text.append(String.format(ROW, "rootless", engine.rootless() ? "yes" : "no"));
        text.append(String.format(ROW, "cgroup version", engine.cgroupVersion()));
        text.append(String.format(ROW, "limits", limits(engine.enforceableLimits())));
        text.append(String.format(ROW, "default image", SandboxSettings.DEFAULT_IMAGE
                + (runtime.defaultImagePresent() ? " (present)" : " (absent; built on first run)")));
        runtime.networkIsolation().ifPresent(isolation -> text.append(String.format(ROW, "host isolation",
                isolation.enforced() ? "enforced by " + isolation.description()
                        : "NOT enforced: " + isolation.description() + "; runs with network access are refused"
                                + " unless --allow-unisolated-egress")));
        runtime.notes().forEach(note -> text.append(String.format(ROW, note.kind().name().toLowerCase(Locale.ROOT),
                note.text())));
        return text.toString();
    }

    /** {@code none}, and why when a named engine stops auto. */
    private static String noAutoPick(RuntimesReport report) {
        return report.runtimes().stream().filter(RuntimeDiagnosis::stopsAuto).findFirst()
                .flatMap(runtime -> runtime.namedEndpoint().map(named -> "none (" + runtime.id()
                        + " does not work, and " + named.source() + " names its engine, so auto tries no other)"))
                .orElse("none");
    }

    private static String configuration(RuntimesReport report) {
        if (report.configured().isEmpty()) {
            return "error: " + report.configurationProblem().orElse("unknown");
        }
        RuntimeChoice choice = report.configured().get();
        return choice.runtime() + " (" + source(choice) + ") -> "
                + report.configuredPick().orElse(choice.isAuto() ? "no runtime works" : choice.runtime()
                        + " does not work");
    }

    /** {@code from IRONBOX_RUNTIME}, {@code from /path/ironbox.toml}, {@code the default}. */
    static String source(RuntimeChoice choice) {
        return choice.isDefault() ? "the default" : "from " + choice.source();
    }

    /** {@code memory, cpu, pids}, or {@code none}. */
    static String limits(Set<LimitKind> limits) {
        return limits.isEmpty() ? "none" : limits.stream().sorted()
                .map(kind -> kind.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

}
