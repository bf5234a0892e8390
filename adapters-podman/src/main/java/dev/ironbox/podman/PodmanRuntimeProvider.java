package dev.ironbox.podman;

import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.Optional;

/**
 * Makes Podman selectable by configuration ({@code podman}); found by {@link java.util.ServiceLoader}. Connects to
 * nothing until {@link #create()} or {@link #availability()}.
 */
public final class PodmanRuntimeProvider implements ContainerRuntimeProvider {

    /** Tried after Docker (100) by {@code auto}. */
    static final int PRIORITY = 90;

    @Override
    public String id() {
        return PodmanRuntime.ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** {@link PodmanRuntime#connect()}: discovery, as described there. */
    @Override
    public ContainerRuntime create() {
        return PodmanRuntime.connect();
    }

    /** {@code CONTAINER_HOST}, when it is set: then {@link #create()} connects there or fails naming it. */
    @Override
    public Optional<NamedEndpoint> namedEndpoint() {
        return new PodmanEndpoints().named();
    }
}
