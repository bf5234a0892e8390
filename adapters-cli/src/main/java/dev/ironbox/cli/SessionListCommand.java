package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.settings.SettingText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ironbox session ls}: the sessions on every runtime that answers (or on {@code --runtime}'s). */
@Command(name = "ls",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Lists the sessions, oldest first: id, runtime, age, policy, image, state and idle TTL. Without "
                    + "--runtime, every installed runtime that answers is asked. A session past its max lifetime, or "
                    + "idle past its TTL while its watchdog failed to stop it, is removed, not listed.",
            "",
            "Examples:",
            "  ironbox session ls",
            "  ironbox session ls --runtime podman --json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (maybe none)", "125:the runtime given cannot be asked, or a broken config file"})
final class SessionListCommand implements Callable<Integer> {

    private static final String ROW = "%-14s %-8s %-6s %-16s %-30s %-8s %s%n";

    @Option(names = "--runtime", paramLabel = "ID",
            description = "Ask only this runtime (${bundle:" + KnownRuntimes.KEY + "}).")
    String runtime;

    @Option(names = "--json", description = "Print a JSON array: one object per session.")
    boolean json;

    private final SessionFinder finder;
    private final CliContext context;
    private final Clock clock;

    SessionListCommand(SessionFinder finder, CliContext context, Clock clock) {
        this.finder = finder;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        List<SessionInfo> sessions = new ArrayList<>();
        finder.forEachRuntime(Optional.ofNullable(runtime), sandbox -> sessions.addAll(sandbox.sessions()));
        sessions.sort(Comparator.comparing(SessionInfo::created));
        Instant now = clock.instant();
        if (json) {
            context.out().println(CliJson.write(sessions.stream().map(s -> SessionJson.Listed.of(s, now)).toList()));
        } else {
            context.out().printf(ROW, "ID", "RUNTIME", "AGE", "POLICY", "IMAGE", "STATE", "TTL");
            for (SessionInfo session : sessions) {
                context.out().printf(ROW, session.id(), session.runtime(), age(SessionJson.age(session, now)),
                        session.policy().cliName(), session.image(), SessionJson.state(session),
                        SettingText.duration(session.idleTtl()));
            }
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    /** {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}: the largest whole unit. */
    static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h";
        }
        if (age.toMinutes() > 0) {
            return age.toMinutes() + "m";
        }
        return age.toSeconds() + "s";
    }
}
