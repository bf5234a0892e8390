package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ironbox completion}: the shell completion script, generated from the command line itself. */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Prints a bash (and zsh) completion script.",
            "",
            "The script completes ironbox's commands, subcommands and options. zsh uses it through bash "
                    + "compatibility: 'autoload -U +X bashcompinit && bashcompinit' first.",
            "",
            "Examples:",
            "  source <(ironbox completion)                          # bash, this shell",
            "  ironbox completion > /etc/bash_completion.d/ironbox   # bash, every shell",
            "  # zsh, in ~/.zshrc:",
            "  autoload -U +X compinit && compinit",
            "  autoload -U +X bashcompinit && bashcompinit",
            "  source <(ironbox completion)"
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        context.out().flush();
        return ExitCodes.OK;
    }
}
