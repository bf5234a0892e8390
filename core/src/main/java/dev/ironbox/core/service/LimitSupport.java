package dev.ironbox.core.service;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Every sandboxed run has memory, CPU and pids limits; an engine that cannot apply one is refused, not trusted. */
final class LimitSupport {

    private LimitSupport() {}

    static void requireAll(EngineInfo engine) {
        Set<LimitKind> missing = EnumSet.allOf(LimitKind.class);
        missing.removeAll(engine.enforceableLimits());
        if (!missing.isEmpty()) {
            String names = missing.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new ContainerFailureException("the " + engine.runtimeId() + " engine at " + engine.endpoint()
                    + " cannot enforce the " + names + " limit" + (missing.size() > 1 ? "s" : "")
                    + (engine.rootless() ? " (rootless, cgroups v" + engine.cgroupVersion() + ")" : "")
                    + "; Ironbox does not run a sandbox without its limits. Use a rootful engine or cgroups v2 "
                    + "with the controllers delegated");
        }
    }
}
