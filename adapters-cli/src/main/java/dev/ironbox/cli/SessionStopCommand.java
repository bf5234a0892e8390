package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.port.in.Sandbox;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ironbox session stop ID}: stops a session and removes its container. */
@Command(name = "stop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Stops session ID, kills whatever still runs in it, removes its container and prints its id.",
            "",
            "Examples:",
            "  ironbox session stop 3f2a9c0d1e2b",
            "  ironbox session ls --json | jq -r '.[].id' | xargs -n1 ironbox session stop"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the session is gone", "125:no such session, or engine failure"})
final class SessionStopCommand implements Callable<Integer> {

    @Option(names = "--runtime", paramLabel = "ID", description = "Look for the session on this runtime first "
            + "(${bundle:" + KnownRuntimes.KEY + "}); the other runtimes are asked after it.")
    String runtime;

    @Parameters(index = "0", paramLabel = "ID", description = "The session id ('ironbox session ls').")
    String sessionId;

    private final SessionFinder finder;
    private final CliContext context;

    SessionStopCommand(SessionFinder finder, CliContext context) {
        this.finder = finder;
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Sandbox sandbox = finder.find(sessionId, Optional.ofNullable(runtime)).sandbox()) {
            sandbox.stopSession(sessionId);
        }
        context.out().println(sessionId);
        context.out().flush();
        return ExitCodes.OK;
    }
}
