package dev.ironbox.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.ironbox.cli.CliContext;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import javax.inject.Singleton;
import picocli.CommandLine;

/** Ironbox wired together: configuration, the runtimes, the sandbox factory over them, and the command line. */
@Singleton
@Component(modules = {RuntimeModule.class, ConfigModule.class, CliModule.class})
interface IronboxComponent {

    SandboxFactory sandboxFactory();

    SelectRuntimeUseCase selectRuntime();

    DiagnoseRuntimesUseCase diagnoseRuntimes();

    /** A new command line each call, writing to the context's streams. */
    CommandLine commandLine();

    @Component.Factory
    interface Factory {
        /**
         * @param context the streams, environment and working directory (the environment and working directory also
         *     locate the config file and hold {@code IRONBOX_RUNTIME})
         * @param location which config file to read
         */
        IronboxComponent create(@BindsInstance CliContext context, @BindsInstance ConfigLocation location);
    }

    /** The component for {@code context} with the default config file lookup. */
    static IronboxComponent create(CliContext context) {
        return DaggerIronboxComponent.factory().create(context, ConfigLocation.lookup());
    }

    /** The component for this process: its own streams, environment and working directory. */
    static IronboxComponent forThisProcess() {
        return create(CliContext.system());
    }
}
