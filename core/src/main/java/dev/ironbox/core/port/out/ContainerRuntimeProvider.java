package dev.ironbox.core.port.out;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.model.RuntimeSettings;
import java.util.Optional;
import java.util.Set;

/**
 * The service-provider interface of a runtime adapter, found by {@link java.util.ServiceLoader}: a third-party
 * adapter is a jar on the classpath whose {@code META-INF/services/dev.ironbox.core.port.out.ContainerRuntimeProvider}
 * names its implementation, plus its id in configuration. Implementations need a public no-argument constructor,
 * must be thread-safe, and must not connect to anything before {@link #create()} or {@link #availability()}.
 */
public interface ContainerRuntimeProvider {

    /** The id configuration selects it by: lowercase letters, digits and '-' ({@code docker}, {@code podman}). */
    String id();

    /** Order for {@code auto}: higher is tried first. Built-ins: docker 100, podman 90. */
    int priority();

    /**
     * Connects to the engine. The caller closes the runtime.
     *
     * @throws EngineUnavailableException when the engine cannot be reached; the message names every place tried
     */
    ContainerRuntime create();
    /**
     * Connects to the engine with this runtime's own settings (the config file's {@code [<id>]} table, the builder's
     * {@code runtimeSettings}). The default takes none: it refuses any, then calls {@link #create()}.
     *
     * @throws InvalidConfigurationException naming the key when a setting is unknown or its value is invalid
     * @throws EngineUnavailableException when the engine cannot be reached; the message names every place tried
     */
    default ContainerRuntime create(RuntimeSettings settings) {
        settings.requireKnown(id(), settingNames());
        return create();
    }
    /** The keys {@link #create(RuntimeSettings)} takes ({@code namespace}, ...); default: none. */
    default Set<String> settingNames() {
        return Set.of();
    }
    /**
     * Whether {@code auto} may pick this runtime. A runtime that schedules sandboxes somewhere else (a cluster) says
     * false: it is used only when chosen by its id. Default: true.
     */
    default boolean chosenByAuto() {
        return true;
    }

    /**
     * The endpoint the user named for this runtime's engine (an environment variable such as {@code DOCKER_HOST}, a
     * setting), when they named one. Then {@link #create()} connects there or fails naming it, never elsewhere, and
     * {@code auto} does not pass over this runtime when it fails. Reads settings only; connects to nothing.
     * Default: none (the provider always looks in its default places).
     */
    default Optional<NamedEndpoint> namedEndpoint() {
        return Optional.empty();
    }

    /** Whether the engine answers now, and if not, why (with every place looked). Connects, probes, disconnects. */
    default Availability availability() {
        return availability(RuntimeSettings.NONE);
    }
    /** As {@link #availability()}, connecting with {@code settings}. */
    default Availability availability(RuntimeSettings settings) {
        try (ContainerRuntime runtime = create(settings)) {
            runtime.engine().probe();
            return new Availability(true, "answers");
        } catch (IronboxException e) {
            return new Availability(false, e.getMessage());
        }
    }

    /** Whether a runtime can be used, with the reason when it cannot. */
    record Availability(boolean available, String reason) {}
}
