package dev.ironbox.app;

import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;

/** A provider of another class that behaves as the one it wraps (for messages that name the class). */
class ForwardingProvider implements ContainerRuntimeProvider {

    private final ContainerRuntimeProvider delegate;

    ForwardingProvider(ContainerRuntimeProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public ContainerRuntime create() {
        return delegate.create();
    }
}
