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

    /**
     * What {@code left} finds once it finds nothing, or after 10 s: a finished run's container and network are
     * removed in the background, a moment after its result (the service's close waits for them).
     */
    static <T> T afterBackgroundRemovals(java.util.function.Supplier<T> left,
            java.util.function.Predicate<T> nothing) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        T found = left.get();
        while (!nothing.test(found) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            found = left.get();
        }
        return found;
    }

    /** The engines {@link #ownedBy} asks: Podman's joins Docker's once its adapter is on the classpath. */
    static List<String> enginesAsked() {
        return RuntimeRegistry.fromServiceLoader().ids().stream().filter(ENGINES::contains).toList();
    }
}
