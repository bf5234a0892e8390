package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ironbox cleanup}: removes what killed Ironbox processes left behind. */
@Command(name = "cleanup",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Removes what killed Ironbox processes left behind.",
            "",
            "Removes Ironbox's containers and networks whose owning process is gone (e.g. killed with kill -9 "
                    + "during a run), on every installed runtime that answers or on the one given with --runtime, "
                    + "and sessions past their max lifetime or (started here) idle longer than their TTL, whatever "
                    + "runs in them. Containers of live Ironbox processes, other running sessions, and anything "
                    + "without Ironbox's labels are kept; --all removes every Ironbox container and network.",
            "",
            "Examples:",
            "  ironbox cleanup",
            "  ironbox cleanup --runtime podman --json",
            "  ironbox cleanup --all --runtime docker"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything it found was removed (a runtime that did not answer is only noted)",
            "125:something could not be removed, no runtime answered, or the one given did not"
        })
final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--all",
            description = "Remove every Ironbox container and network, also those of live processes and sessions.")
    boolean all;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--runtime", paramLabel = "ID",
            description = "Clean up only this runtime (${bundle:" + KnownRuntimes.KEY + "}); it must answer. "
                    + "Default: every installed runtime.")
    String runtime;

    private final EachRuntime runtimes;
    private final CliContext context;

    CleanupCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context) {
        this.runtimes = new EachRuntime(factory, selection);
        this.context = context;
    }

    @Override
    public Integer call() {
        EachRuntime.Answers<CleanupReport> answers = runtimes.ask(Optional.ofNullable(runtime), sandbox -> sandbox.cleanup(all));
        boolean anyAnswered = EachRuntime.noteUnreachable(answers, context.err());
        List<CleanupReport> reports = answers.answers();
        if (json) {
            context.out().println(CliJson.write(CleanupJson.of(reports, answers.unreachable())));
        } else {
            reports.forEach(report -> text(report, context.out()));
        }
        context.out().flush();
        if (!anyAnswered) {
            context.err().println("ironbox: no runtime answered");
        }
        reports.forEach(report -> report.failures().forEach(failure ->
                context.err().println("ironbox: " + report.runtime() + ": " + failure)));
        context.err().flush();
        boolean failed = !anyAnswered || reports.stream().anyMatch(report -> !report.failures().isEmpty());
        return failed ? ExitCodes.IRONBOX_FAILURE : ExitCodes.OK;
    }

    private static void text(CleanupReport report, PrintStream out) {
        String runtime = report.runtime();
        if (report.containers().isEmpty() && report.networks().isEmpty() && report.failures().isEmpty()
                && report.owners().isEmpty()) {
            out.println(runtime + ": nothing to remove");
        }
        report.owners().forEach(line -> out.println(runtime + ": removed expired owner " + line));
        report.containers().forEach(id -> out.println(runtime + ": removed container " + id.shortId()));
        report.networks().forEach(id -> out.println(runtime + ": removed network " + id));
    }
}
