package dev.ironbox.cli;

import dev.ironbox.core.settings.ConfigTrust;

import dev.ironbox.core.settings.CliContext;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ironbox config untrust [FILE]}: forget the trust in a project config file. */
@Command(name = "untrust",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Removes FILE from your trusted project config files, whatever its content: its settings that need "
                    + "trust no longer apply.",
            "",
            "Examples:",
            "  ironbox config untrust",
            "  ironbox config untrust ../other-project/ironbox.toml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no longer trusted (or it was not)", "125:the trust store cannot be read or written"})
final class ConfigUntrustCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The config file; it need not exist any more. Default: ./ironbox.toml.")
    Path file;

    private final ConfigTrust trust;
    private final CliContext context;

    ConfigUntrustCommand(ConfigTrust trust, CliContext context) {
        this.trust = trust;
        this.context = context;
    }

    @Override
    public Integer call() {
        Path path = ConfigTrustCommand.projectFile(file, context);
        context.out().printf(trust.untrust(path) ? "untrusted %s%n" : "%s was not trusted%n", path);
        context.out().flush();
        return ExitCodes.OK;
    }
}
