package dev.ironbox.core.sandbox;

import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.run.Removals;

/**
 * Services that remove a finished run's container on the run's own thread, before the result returns: for the tests
 * that look at the engine right after a run (what was removed, in which order). The background removal itself is
 * tested in {@link BackgroundRemovalTest}.
 */
final class InlineRemovals {

    private InlineRemovals() {}

    static SandboxService service(ContainerRuntime runtime, SandboxSettings settings) {
        return service(runtime, settings, null, null, null);
    }

    static SandboxService service(ContainerRuntime runtime, SandboxSettings settings, EgressProxyPort proxy,
            SecretResolverPort secrets) {
        return service(runtime, settings, proxy, secrets, null);
    }

    static SandboxService service(ContainerRuntime runtime, SandboxSettings settings, EgressProxyPort proxy,
            SecretResolverPort secrets, HostFirewallPort firewall) {
        return new SandboxService(runtime, settings, proxy, secrets, firewall,
                (engine, leftovers) -> new Removals(engine, leftovers, Runnable::run));
    }
}
