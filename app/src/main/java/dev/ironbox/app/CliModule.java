package dev.ironbox.app;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.cli.CliContext;
import dev.ironbox.cli.IronboxCli;
import dev.ironbox.cli.RunEgress;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import picocli.CommandLine;

/** The {@code ironbox} command line over the use cases; {@code run} adds its network flags to the config file's. */
@Module
interface CliModule {

    @Provides
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, CliContext context) {
        return IronboxCli.commandLine(factory, selection, doctor, egress, context);
    }
}
