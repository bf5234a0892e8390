package dev.ironbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ironbox config}: the group of {@code show}. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Ironbox's configuration: flags, then $IRONBOX_RUNTIME (the runtime only), then the config file "
                    + "($IRONBOX_CONFIG, ./ironbox.toml or ~/.config/ironbox/config.toml), then the defaults.",
            "",
            "Examples:",
            "  ironbox config show",
            "  ironbox config show --timeout 10s --json"
        },
        commandListHeading = "%nCommands:%n")
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a config command: show");
    }
}
