package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The container runtimes Ironbox knows, by id; each supplier connects a new runtime (the caller closes it). */
final class RuntimeRegistry {

    private final Map<String, Supplier<ContainerRuntime>> runtimes;

    RuntimeRegistry(Map<String, Supplier<ContainerRuntime>> runtimes) {
        this.runtimes = new TreeMap<>(runtimes);
    }

    /** Known ids, sorted. */
    List<String> ids() {
        return List.copyOf(runtimes.keySet());
    }

    /** @throws InvalidConfigurationException naming the known ids when {@code id} is not one of them */
    void requireKnown(String id) {
        if (id == null || !runtimes.containsKey(id)) {
            throw new InvalidConfigurationException(
                    "unknown runtime '" + id + "'; known runtimes: " + String.join(", ", ids()));
        }
    }

    /**
     * Connects runtime {@code id}.
     *
     * @throws InvalidConfigurationException when the id is unknown
     * @throws dev.ironbox.core.error.EngineUnavailableException when its engine cannot be reached
     */
    ContainerRuntime open(String id) {
        requireKnown(id);
        return runtimes.get(id).get();
    }
}
