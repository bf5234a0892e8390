package dev.ironbox.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.ironbox.cli.CliContext;
import dev.ironbox.cli.RunEgress;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import javax.inject.Singleton;
import picocli.CommandLine;

/**
 * Ironbox wired together: configuration, the runtimes, the egress proxy and secret resolver, the sandbox factory over
 * them, and the command line.
 */
@Singleton
@Component(modules = {RuntimeModule.class, EgressModule.class, ConfigModule.class, CliModule.class})
interface IronboxComponent {

    SandboxFactory sandboxFactory();

    SelectRuntimeUseCase selectRuntime();

    /** Sandboxes whose egress proxy trusts a given upstream CA. */
    RunEgress runEgress();

    /** The config files, read at each call: their typed settings are the Java builder's defaults too. */
    ConfigSource configSource();

    DiagnoseRuntimesUseCase diagnoseRuntimes();

    /** A new command line each call, writing to the context's streams. */
    CommandLine commandLine();

    @Component.Factory
    interface Factory {
        /**
         * @param context the streams, environment and working directory (the environment and working directory also
         *     locate the config file and hold {@code IRONBOX_RUNTIME})
         * @param location which config file to read
         * @param egress where credentials' secrets come from
         */
        IronboxComponent create(@BindsInstance CliContext context, @BindsInstance ConfigLocation location,
                @BindsInstance EgressConfig egress);
    }

    /**
     * The component for {@code context} with the default config file lookup; secrets come from the context's
     * environment.
     */
    static IronboxComponent create(CliContext context) {
        return DaggerIronboxComponent.factory().create(context, ConfigLocation.lookup(), EgressConfig.defaults());
    }

    /** The component for this process: its own streams, environment and working directory. */
    static IronboxComponent forThisProcess() {
        return create(CliContext.system());
    }
}
