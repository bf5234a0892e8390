package dev.ironbox.app;

import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.Path;
import java.util.Optional;

/** Sandboxes whose egress proxy trusts the given upstream CA. Thread-safe. */
final class ConfiguredRunEgress implements RunEgress {

    private final RegistrySandboxFactory factory;

    ConfiguredRunEgress(RegistrySandboxFactory factory) {
        this.factory = factory;
    }

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
        return factory.open(runtimeId, settings, upstreamCa);
    }
}
