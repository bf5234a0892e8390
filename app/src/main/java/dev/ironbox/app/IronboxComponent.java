package dev.ironbox.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.CliContext;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.RunEgress;
import javax.inject.Singleton;

/**
 * Ironbox wired together: configuration, the runtimes, the egress proxy and secret resolver, and the sandbox factory
 * over them. Public for the {@code ironbox} executable (module {@code cli-app}), whose command line depends on this
 * component for what it provides; an embedder uses {@link IronboxBuilder} instead.
 */
@Singleton
@Component(modules = {RuntimeModule.class, EgressModule.class, ConfigModule.class})
public interface IronboxComponent {

    SandboxFactory sandboxFactory();

    SelectRuntimeUseCase selectRuntime();

    /** Sandboxes whose egress proxy trusts a given upstream CA. */
    RunEgress runEgress();

    DiagnoseRuntimesUseCase diagnoseRuntimes();

    /** The config files' settings, typed (read at each call): the command line's defaults, and the builder's network. */
    RunConfiguration runConfiguration();

    /** The trust in a project's config file: shown and changed by {@code ironbox config}. */
    ConfigTrust configTrust();

    /** The streams, environment and working directory this component was made for. */
    CliContext context();

    /** For the builder and tests, which choose the config file and the secrets' source. */
    @Component.Factory
    interface Factory {
        /**
         * @param context the streams, environment and working directory (the environment and working directory also
         *     locate the config file and hold {@code IRONBOX_RUNTIME})
         * @param location which config file to read
         * @param egress where credentials' secrets come from
         * @param runtimeSettings the embedder's runtime settings, over the config files' table
         */
        IronboxComponent create(@BindsInstance CliContext context, @BindsInstance ConfigLocation location,
                @BindsInstance EgressConfig egress, @BindsInstance BuilderRuntimeSettings runtimeSettings);
    }

    /**
     * The component for {@code context} with the default config file lookup; secrets come from the context's
     * environment.
     */
    static IronboxComponent create(CliContext context) {
        return DaggerIronboxComponent.factory().create(context, ConfigLocation.lookup(), EgressConfig.defaults(),
                BuilderRuntimeSettings.NONE);
    }

    /** The component for this process: its own streams, environment and working directory. */
    static IronboxComponent forThisProcess() {
        return create(CliContext.system());
    }
}
