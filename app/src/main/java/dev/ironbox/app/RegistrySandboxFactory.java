package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.service.SandboxService;
import java.util.List;

/**
 * Connects a runtime by id (or {@code auto}) and puts a {@link SandboxService} on it; the sandbox owns the runtime.
 */
final class RegistrySandboxFactory implements SandboxFactory {

    private final Lazy<RuntimeRegistry> registry;
    private final RuntimeConnector connector;

    RegistrySandboxFactory(Lazy<RuntimeRegistry> registry, RuntimeConnector connector) {
        this.registry = registry;
        this.connector = connector;
    }

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        ContainerRuntime runtime = connector.connect(runtimeId);
        try {
            return new RuntimeOwningSandbox(new SandboxService(runtime, settings), runtime);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** {@code auto}, then every installed runtime in {@code auto}'s order. */
    @Override
    public List<String> knownRuntimes() {
        return registry.get().selectableIds();
    }
}
