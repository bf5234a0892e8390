package dev.ironbox.app;

import dagger.Binds;
import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.port.out.HostFirewallPort;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.nftables.NftablesFirewall;
import javax.inject.Singleton;

/**
 * The installed runtimes (found by {@link java.util.ServiceLoader}: no adapter is named here), the sandbox factory
 * over them (each sandbox with its own egress proxy from {@link EgressModule}), and the doctor. The registry is {@link Lazy}: a broken classpath is reported by the command that needs
 * it, as one line, not when the command line is built.
 */
@Module
interface RuntimeModule {

    @Provides
    @Singleton
    static RuntimeRegistry runtimeRegistry() {
        return RuntimeRegistry.fromServiceLoader();
    }

    @Provides
    @Singleton
    static RuntimeConnector runtimeConnector(Lazy<RuntimeRegistry> registry, RuntimeSettingsLookup settings) {
        return new RuntimeConnector(registry, settings);
    }

    /** Each runtime's own settings: the config files' {@code [<id>]} table, the builder's over it. */
    @Provides
    @Singleton
    static RuntimeSettingsLookup runtimeSettings(ConfigSource config, BuilderRuntimeSettings given) {
        return RuntimeSettingsLookup.of(config, given);
    }

    /** The host firewall that keeps networked sandboxes from the host's services: nftables, on every runtime. */
    @Provides
    @Singleton
    static HostFirewallPort hostFirewall() {
        return new NftablesFirewall();
    }

    @Provides
    @Singleton
    static RegistrySandboxFactory registrySandboxFactory(Lazy<RuntimeRegistry> registry, RuntimeConnector connector,
            EgressProxies proxies, SecretResolverPort secrets, HostFirewallPort firewall) {
        return new RegistrySandboxFactory(registry, connector, proxies, secrets, firewall);
    }

    @Binds
    SandboxFactory sandboxFactory(RegistrySandboxFactory factory);

    @Provides
    @Singleton
    static DiagnoseRuntimesUseCase diagnoseRuntimes(Lazy<RuntimeRegistry> registry, SelectRuntimeUseCase selection,
            HostFirewallPort firewall, RuntimeSettingsLookup settings) {
        return new RuntimeDoctor(registry, selection, firewall, settings);
    }
}
