package dev.ironbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ironbox config}: the group of {@code show}, {@code trust} and {@code untrust}. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Ironbox's configuration: flags, then $IRONBOX_RUNTIME (the runtime only), then the config files "
                    + "($IRONBOX_CONFIG alone, else ~/.config/ironbox/config.toml with a project's ./ironbox.toml over "
                    + "it), then the defaults. A project's ./ironbox.toml may make a run do more only once you trust "
                    + "its content ('config trust').",
            "",
            "Examples:",
            "  ironbox config show",
            "  ironbox config show --timeout 10s --json",
            "  ironbox config trust",
            "  ironbox config untrust"
        },
        commandListHeading = "%nCommands:%n")
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a config command: show, trust or untrust");
    }
}
