package dev.ironbox.app;

import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Whether an engine that answered can run sandboxes: every sandbox has memory, CPU and pids limits. */
final class EngineChecks {

    private EngineChecks() {}

    /** Why {@code engine} cannot run a sandbox, or empty when it can. */
    static Optional<String> problem(EngineInfo engine) {
        Set<LimitKind> missing = EnumSet.allOf(LimitKind.class);
        missing.removeAll(engine.enforceableLimits());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("cannot enforce the " + names(missing) + " limit" + (missing.size() > 1 ? "s" : "")
                + (engine.rootless() ? " (rootless, cgroups v" + engine.cgroupVersion() + ")" : ""));
    }

    /** {@code memory, cpu, pids}, in that order. */
    static String names(Set<LimitKind> limits) {
        return limits.stream().sorted().map(kind -> kind.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
