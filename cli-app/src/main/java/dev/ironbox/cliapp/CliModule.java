package dev.ironbox.cliapp;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.cli.IronboxCli;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import picocli.CommandLine;

/**
 * The {@code ironbox} command line over the use cases: its options default to the config files' {@code [run]} and
 * {@code [session]} values, its network flags add to the files' {@code [network]} tables, and its {@code config}
 * commands show and change the trust in a project's file.
 */
@Module
interface CliModule {

    @Provides
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, ConfigTrust trust,
            CliContext context) {
        return IronboxCli.commandLine(factory, selection, doctor, egress, config, trust, context);
    }
}
