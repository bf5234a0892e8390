package dev.ironbox.cli;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.SandboxKind;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.CliContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ironbox ps}: Ironbox's containers (runs, sessions, warm pooled ones) on every runtime, or the one given. */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Lists Ironbox's sandboxes: runs, sessions and the warm sandboxes of a process's pool (kind 'pooled'), "
                    + "on every runtime.",
            "",
            "Shows the containers of every installed runtime that answers, or of the one given with --runtime, "
                    + "oldest first: container id, kind, session id, age, policy, runtime, state and command. A "
                    + "container whose owning Ironbox process is gone shows as orphaned; 'ironbox cleanup' removes "
                    + "it. A session past its max lifetime, or idle past its TTL, is removed, not listed. A runtime "
                    + "that does not answer is noted on stderr.",
            "",
            "Examples:",
            "  ironbox ps",
            "  ironbox ps --runtime podman --json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed (a runtime that did not answer is only noted)",
            "125:no runtime answered, or the one given with --runtime did not"
        })
final class PsCommand implements Callable<Integer> {

    private static final int COMMAND_WIDTH = 60;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--runtime", paramLabel = "ID",
            description = "List only this runtime (${bundle:" + KnownRuntimes.KEY + "}); it must answer. "
                    + "Default: every installed runtime.")
    String runtime;

    private final EachRuntime runtimes;
    private final CliContext context;
    private final Clock clock;

    PsCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context) {
        this(factory, selection, context, Clock.systemUTC());
    }

    PsCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context, Clock clock) {
        this.runtimes = new EachRuntime(factory, selection);
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        EachRuntime.Answers<List<SandboxSummary>> answers = runtimes.ask(Optional.ofNullable(runtime), sandbox -> sandbox.sandboxes());
        if (!EachRuntime.noteUnreachable(answers, context.err())) {
            throw new EngineUnavailableException("no runtime answered"); // one line on stderr, and JSON with --json
        }
        List<SandboxSummary> sandboxes = answers.answers().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(SandboxSummary::created)).toList();
        Instant now = clock.instant();
        context.out().print(json
                ? CliJson.write(SandboxesJson.of(sandboxes, answers.unreachable(), now)) + System.lineSeparator()
                : table(sandboxes, now));
        context.out().flush();
        return ExitCodes.OK;
    }

    private static String table(List<SandboxSummary> sandboxes, Instant now) {
        TextTable table = new TextTable("CONTAINER", "KIND", "SESSION", "AGE", "POLICY", "RUNTIME", "STATE",
                "COMMAND");
        for (SandboxSummary sandbox : sandboxes) {
            table.row(sandbox.container().shortId(), kind(sandbox.kind()), sandbox.sessionId().orElse("-"),
                    TextTable.age(sandbox.created(), now), sandbox.policy(), sandbox.runtime(), state(sandbox),
                    command(sandbox));
        }
        return table.render();
    }

    /**
     * One short line: a session's own command is its idle watchdog script, and a pooled sandbox's the shim that waits
     * for its one command, which say nothing to a reader; a run's command has its whitespace collapsed and is cut at
     * {@value #COMMAND_WIDTH} characters ({@code --json} has all).
     */
    static String command(SandboxSummary sandbox) {
        if (sandbox.kind() == SandboxKind.SESSION) {
            return "(session: commands run through 'ironbox session exec')";
        }
        if (sandbox.kind() == SandboxKind.POOLED) {
            return "(pooled: a warm sandbox for one run, then removed)";
        }
        String line = String.join(" ", sandbox.command()).replaceAll("\\s+", " ").strip();
        return line.length() <= COMMAND_WIDTH ? line : line.substring(0, COMMAND_WIDTH - 3) + "...";
    }

    static String kind(SandboxKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code running} or {@code stopped}, with {@code , orphaned} when its owning process is gone. */
    static String state(SandboxSummary sandbox) {
        return (sandbox.running() ? "running" : "stopped") + (sandbox.ownerAlive() ? "" : ", orphaned");
    }
}
