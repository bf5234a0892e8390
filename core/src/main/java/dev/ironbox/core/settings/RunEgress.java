package dev.ironbox.core.settings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host side of a run's egress, which the composition root supplies to {@code ironbox run}: a sandbox whose egress
 * proxy trusts the run's extra upstream CA. (The configured network settings are settings like the others:
 * {@link RunConfiguration}.) Implementations are thread-safe.
 */
public interface RunEgress {

    /**
     * Opens the sandbox of one run, as {@link SandboxFactory#open} does; the caller closes it. The egress proxy its
     * runs use trusts {@code upstreamCa} (a PEM file, absolute, checked readable; the flag's, else the
     * configuration's) for upstream TLS beside the JDK's trust store.
     *
     * @throws InvalidConfigurationException for an unknown runtime id, or a CA that cannot be used
     * @throws dev.ironbox.core.error.EngineUnavailableException when the runtime's engine cannot be reached
     */
    Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa);

    /** Sandboxes from {@code factory}; an upstream CA is refused, as nothing uses it. */
    static RunEgress unconfigured(SandboxFactory factory) {
        return new RunEgress() {
            @Override
            public Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
                upstreamCa.ifPresent(ca -> {
                    throw new InvalidConfigurationException("--upstream-ca " + ca + ": this Ironbox has no egress"
                            + " proxy to give it to");
                });
                return factory.open(runtimeId, settings);
            }
        };
    }
}
