package dev.ironbox.app;

import dev.ironbox.core.settings.EgressSettings;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The egress settings of the config files' {@code [network]} tables (read at each call; an untrusted project file
 * that would open the network is refused), and sandboxes whose egress proxy trusts the given upstream CA.
 * Thread-safe.
 */
final class ConfiguredRunEgress implements RunEgress {

    private final ConfigSource config;
    private final RegistrySandboxFactory factory;

    ConfiguredRunEgress(ConfigSource config, RegistrySandboxFactory factory) {
        this.config = config;
        this.factory = factory;
    }

    /** @throws dev.ironbox.core.error.InvalidConfigurationException when an untrusted project file opens the network */
    @Override
    public EgressSettings configured() {
        return settings(config.load());
    }

    /** The {@code [network]} settings of {@code file}. */
    static EgressSettings settings(IronboxConfig file) {
        return new EgressSettings(file.allowDomains(), file.credentials(), file.defaultDomains(), file.upstreamCa());
    }

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
        return factory.open(runtimeId, settings, upstreamCa);
    }
}
