package dev.ironbox.app;

import dagger.Module;
import dagger.Provides;
import dev.ironbox.cli.CliContext;
import dev.ironbox.cli.IronboxCli;
import dev.ironbox.core.port.in.SandboxFactory;
import picocli.CommandLine;

/** The {@code ironbox} command line over the sandbox factory. */
@Module
interface CliModule {

    @Provides
    static CommandLine commandLine(SandboxFactory factory, CliContext context) {
        return IronboxCli.commandLine(factory, context);
    }
}
