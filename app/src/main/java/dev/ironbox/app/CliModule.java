package dev.ironbox.app;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.cli.CliContext;
import dev.ironbox.cli.IronboxCli;
import dev.ironbox.cli.RunConfiguration;
import dev.ironbox.cli.RunEgress;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import picocli.CommandLine;

/**
 * The {@code ironbox} command line over the use cases: its options default to the config file's {@code [run]} and
 * {@code [session]} values, and its network flags add to the file's {@code [network]} table.
 */
@Module
interface CliModule {

    @Provides
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, CliContext context) {
        return IronboxCli.commandLine(factory, selection, doctor, egress, config, context);
    }

    @Provides
    static RunConfiguration runConfiguration(ConfigSource config) {
        return new FileRunConfiguration(config);
    }
}
