package dev.ironbox.docker;

import dev.ironbox.core.model.NamedEndpoint;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.Optional;

/** Makes Docker selectable by configuration ({@code docker}); found by {@link java.util.ServiceLoader}. */
public final class DockerRuntimeProvider implements ContainerRuntimeProvider {

    /** Tried first by {@code auto}: Docker is the engine most machines have. */
    static final int PRIORITY = 100;

    @Override
    public String id() {
        return DockerRuntime.ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ContainerRuntime create() {
        return DockerRuntime.connect();
    }

    /** {@code DOCKER_HOST}, when it is set: then {@link #create()} connects there or fails naming it. */
    @Override
    public Optional<NamedEndpoint> namedEndpoint() {
        return new DockerEndpoints().named();
    }
}
