package dev.ironbox.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.ironbox.cli.CliContext;
import dev.ironbox.core.port.in.SandboxFactory;
import javax.inject.Singleton;
import picocli.CommandLine;

/** Ironbox wired together: the runtimes, the sandbox factory over them, and the command line. */
@Singleton
@Component(modules = {RuntimeModule.class, CliModule.class})
interface IronboxComponent {

    SandboxFactory sandboxFactory();

    RuntimeRegistry runtimes();

    /** A new command line each call, writing to the context's streams. */
    CommandLine commandLine();

    @Component.Factory
    interface Factory {
        /** @param context the streams, environment and working directory the command line uses */
        IronboxComponent create(@BindsInstance CliContext context);
    }

    /** The component for this process: its own streams, environment and working directory. */
    static IronboxComponent forThisProcess() {
        return DaggerIronboxComponent.factory().create(CliContext.system());
    }
}
