package dev.ironbox.app;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import javax.inject.Singleton;

/** Configuration: the environment and working directory of the context, and the config file they locate. */
@Module
interface ConfigModule {

    @Provides
    @Singleton
    static ConfigSource configSource(CliContext context, ConfigLocation location) {
        return new ConfigSource(context.environment(), context.workingDirectory(), location, new TomlConfigReader());
    }

    @Provides
    @Singleton
    static SelectRuntimeUseCase selectRuntime(ConfigSource config, Lazy<RuntimeRegistry> registry) {
        return new ConfiguredRuntimeSelection(config, registry);
    }
}
