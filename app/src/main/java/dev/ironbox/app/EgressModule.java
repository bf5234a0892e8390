package dev.ironbox.app;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.RunEgress;
import dev.ironbox.core.port.out.SecretResolverPort;
import dev.ironbox.core.egress.EnvironmentSecrets;
import javax.inject.Singleton;

/**
 * The egress side: the secret resolver, the maker of each sandbox's (lazily started) egress proxy, and the
 * configured egress settings the command line's flags add to.
 */
@Module
interface EgressModule {

    @Provides
    @Singleton
    static SecretResolverPort secretResolver(EgressConfig config, CliContext context) {
        return config.secrets().orElseGet(() -> new EnvironmentSecrets(context.environment()::get));
    }

    @Provides
    @Singleton
    static EgressProxies egressProxies() {
        return new EgressProxies();
    }

    @Provides
    @Singleton
    static RunEgress runEgress(RegistrySandboxFactory factory) {
        return new ConfiguredRunEgress(factory);
    }
}
