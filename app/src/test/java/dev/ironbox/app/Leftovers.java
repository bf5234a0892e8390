package dev.ironbox.app;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import dev.ironbox.core.label.OwnerLabels;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers a process left behind, asked of every real engine (Docker, Podman) through its runtime's
 * {@code listByLabel}; each engine must answer. The in-memory fixture runtime keeps nothing and is not asked.
 */
final class Leftovers {

    private static final List<String> ENGINES = List.of("docker", "podman");

    private Leftovers() {}

    /** {@code docker:abc123}, ... for each container labelled as owned by {@code pid}. */
    static List<String> ownedBy(long pid) {
        List<String> left = new ArrayList<>();
        for (ContainerRuntimeProvider provider : RuntimeRegistry.fromServiceLoader().providers()) {
            if (!ENGINES.contains(provider.id())) {
                continue;
            }
            try (ContainerRuntime runtime = provider.create()) {
                List<ContainerId> ids = runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, Long.toString(pid));
                ids.forEach(id -> left.add(provider.id() + ":" + id.shortId()));
            }
        }
        return left;
    }

    static List<String> ownedByThisProcess() {
        return ownedBy(ProcessHandle.current().pid());
    }

    /** The engines {@link #ownedBy} asks: Podman's joins Docker's once its adapter is on the classpath. */
    static List<String> enginesAsked() {
        return RuntimeRegistry.fromServiceLoader().ids().stream().filter(ENGINES::contains).toList();
    }
}
