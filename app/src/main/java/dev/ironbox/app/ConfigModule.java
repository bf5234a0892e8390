package dev.ironbox.app;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.port.out.ContainerRuntimeProvider;
import java.util.stream.Collectors;
import javax.inject.Singleton;

/**
 * Configuration: the environment and working directory of the context, the config file they locate, its run values
 * and the trust in a project's file.
 */
@Module
interface ConfigModule {

    @Provides
    @Singleton
    static ConfigSource configSource(CliContext context, ConfigLocation location, Lazy<RuntimeRegistry> registry) {
        // the runtimes' tables and auto's candidates come from the installed providers, loaded only when a file
        // has such a table or a project's file names a runtime
        RuntimeTables tables = new RuntimeTables(() -> registry.get().providers().stream().collect(
                Collectors.toMap(ContainerRuntimeProvider::id, ContainerRuntimeProvider::settingNames)));
        return new ConfigSource(context.environment(), context.workingDirectory(), location,
                new TomlConfigReader(tables), id -> registry.get().find(id).map(RuntimeConnector::chosenByAuto)
                        .orElse(true));
    }

    @Provides
    @Singleton
    static SelectRuntimeUseCase selectRuntime(ConfigSource config, Lazy<RuntimeRegistry> registry) {
        return new ConfiguredRuntimeSelection(config, registry);
    }

    @Provides
    static ConfigTrust configTrust(ConfigSource config) {
        return new ProjectTrust(config);
    }

    @Provides
    static RunConfiguration runConfiguration(ConfigSource config) {
        return new FileRunConfiguration(config);
    }
}
