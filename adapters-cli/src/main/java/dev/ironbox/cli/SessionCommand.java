package dev.ironbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ironbox session}: the group of {@code start}, {@code exec}, {@code stop} and {@code ls}. */
@Command(name = "session",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Long-lived hardened sandboxes that run many commands in the same place.",
            "",
            "A session is a container with the same hardening as 'ironbox run'. It lives until 'session stop', or "
                    + "until it has been idle (no command running or started) longer than its TTL. Commands that "
                    + "take an ID look for it on the selected runtime first, then on every other one that answers.",
            "",
            "Examples:",
            "  id=$(ironbox session start --policy workspace_write --ttl 1h)",
            "  ironbox session exec \"$id\" -- sh -c 'echo hi > /tmp/f'",
            "  ironbox session exec \"$id\" --timeout 10s -- cat /tmp/f",
            "  ironbox session ls",
            "  ironbox session stop \"$id\""
        },
        commandListHeading = "%nCommands:%n")
final class SessionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a session command: start, exec, stop or ls");
    }
}
