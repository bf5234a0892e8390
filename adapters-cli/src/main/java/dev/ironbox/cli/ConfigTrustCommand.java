package dev.ironbox.cli;

import dev.ironbox.core.settings.ProjectFileTrust;

import dev.ironbox.core.settings.ConfigTrust;

import dev.ironbox.core.settings.CliContext;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ironbox config trust [FILE]}: trust a project config file's present content. */
@Command(name = "trust",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Trusts the content FILE has now, as 'direnv allow' does: a project's ./ironbox.toml is data that a "
                    + "sandbox or a cloned repository can write, so its settings that would let a run do more "
                    + "(a wider policy, a workspace, an image, higher limits, env, network) apply only once you "
                    + "trust that exact content. Its SHA-256 and real path go to your own "
                    + "$XDG_CONFIG_HOME/ironbox/trusted.toml (~/.config/ironbox/trusted.toml); when one byte of the "
                    + "file changes it is untrusted again. Prints what the file now applies: read that first.",
            "",
            "Examples:",
            "  cat ironbox.toml && ironbox config trust",
            "  ironbox config trust ../other-project/ironbox.toml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trusted", "125:a missing or broken file (nothing is trusted), or an unwritable store"})
final class ConfigTrustCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The config file. Default: ./ironbox.toml.")
    Path file;

    private final ConfigTrust trust;
    private final CliContext context;

    ConfigTrustCommand(ConfigTrust trust, CliContext context) {
        this.trust = trust;
        this.context = context;
    }

    @Override
    public Integer call() {
        ProjectFileTrust trusted = trust.trust(projectFile(file, context));
        context.out().printf("trusted %s (sha256 %s)%n", trusted.path(), trusted.sha256());
        context.out().printf(trusted.needingTrust().isEmpty() ? "it sets nothing that needed trust%n"
                : "now applies: %s%n", TrustText.settings(trusted.needingTrust()));
        context.out().flush();
        return ExitCodes.OK;
    }

    /** {@code file} against the working directory, else {@code ./ironbox.toml}. */
    static Path projectFile(Path file, CliContext context) {
        return context.workingDirectory().resolve(file == null ? Path.of("ironbox.toml") : file).normalize();
    }
}
