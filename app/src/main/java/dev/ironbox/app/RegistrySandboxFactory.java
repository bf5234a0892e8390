package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.sandbox.SandboxService;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Connects a runtime by id (or {@code auto}) and puts a {@link SandboxService} on it, with an egress proxy of its
 * own (started only when a run needs network), the secret resolver and the host firewall; the sandbox owns the
 * runtime and the proxy.
 */
final class RegistrySandboxFactory implements SandboxFactory {

    private final Lazy<RuntimeRegistry> registry;
    private final RuntimeConnector connector;
    private final EgressProxies proxies;
    private final SecretResolverPort secrets;
    private final HostFirewallPort firewall;

    RegistrySandboxFactory(Lazy<RuntimeRegistry> registry, RuntimeConnector connector, EgressProxies proxies,
            SecretResolverPort secrets, HostFirewallPort firewall) {
        this.registry = registry;
        this.connector = connector;
        this.proxies = proxies;
        this.secrets = secrets;
        this.firewall = firewall;
    }

    /** A sandbox whose egress proxy trusts only the JDK's CAs upstream. */
    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        return open(runtimeId, settings, Optional.empty());
    }

    /**
     * As {@link #open(String, SandboxSettings)}, the egress proxy also trusting the CAs in {@code upstreamCa} (a PEM
     * file) for upstream TLS.
     */
    Sandbox open(String runtimeId, SandboxSettings settings, Optional<Path> upstreamCa) {
        ContainerRuntime runtime = connector.connect(runtimeId);
        EgressProxyPort proxy = null;
        try {
            proxy = proxies.create(upstreamCa);
            return new RuntimeOwningSandbox(new SandboxService(runtime, settings, proxy, secrets, firewall), proxy, runtime);
        } catch (RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            runtime.close();
            throw e;
        }
    }

    @Override
    public boolean chosenByAuto(String runtimeId) {
        return registry.get().find(runtimeId).map(RuntimeConnector::chosenByAuto).orElse(true);
    }

    /** {@code auto}, then every installed runtime in {@code auto}'s order. */
    @Override
    public List<String> knownRuntimes() {
        return registry.get().selectableIds();
    }
}
