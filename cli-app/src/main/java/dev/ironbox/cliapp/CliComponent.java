package dev.ironbox.cliapp;

import dagger.Component;
import dev.ironbox.app.IronboxComponent;
import dev.ironbox.core.settings.CliContext;
import picocli.CommandLine;

/**
 * The command line over the composition root: everything but the parser comes from {@link IronboxComponent}, so the
 * embedding API ({@code app}) never sees picocli and the CLI ({@code adapters-cli}) never sees {@code app}.
 */
@CliScope
@Component(dependencies = IronboxComponent.class, modules = CliModule.class)
public interface CliComponent {

    /** A new command line each call, writing to the context's streams. */
    CommandLine commandLine();

    /** The command line for {@code context}, with the default config file lookup and secrets from its environment. */
    static CliComponent create(CliContext context) {
        return over(IronboxComponent.create(context));
    }

    /** The command line over an existing composition root. */
    static CliComponent over(IronboxComponent root) {
        return DaggerCliComponent.builder().ironboxComponent(root).build();
    }

    /** The command line for this process: its own streams, environment and working directory. */
    static CliComponent forThisProcess() {
        return create(CliContext.system());
    }
}
