package dev.ironbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: {@code ironbox [--help] [--version] COMMAND}. */
@Command(name = "ironbox",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs untrusted commands in hardened, throwaway containers.",
            "",
            "Examples:",
            "  ironbox run --timeout 30s -- sh -c 'id -u; uname -a'",
            "  ironbox doctor",
            "  ironbox image host-tools --tag localhost/host-tools:1",
            "  ironbox ps",
            "  ironbox cleanup",
            "  source <(ironbox completion)"
        },
        commandListHeading = "%nCommands:%n")
final class IronboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command, e.g. 'ironbox run -- echo hi'");
    }
}
