package dev.ironbox.app;

import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.service.SandboxService;
import java.util.List;

/** Opens a runtime from the registry and puts a {@link SandboxService} on it; the sandbox owns the runtime. */
final class RegistrySandboxFactory implements SandboxFactory {

    private final RuntimeRegistry registry;

    RegistrySandboxFactory(RuntimeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        ContainerRuntime runtime = registry.open(runtimeId);
        try {
            return new RuntimeOwningSandbox(new SandboxService(runtime, settings), runtime);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    @Override
    public List<String> knownRuntimes() {
        return registry.ids();
    }
}
