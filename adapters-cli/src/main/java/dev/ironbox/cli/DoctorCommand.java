package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.RuntimesReport;
import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ironbox doctor}: which runtimes are installed, which answer, what they can do, and which one is used. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Shows which container runtimes work, and which one Ironbox would use.",
            "",
            "Probes every installed runtime and shows, for each, whether it answers and, when it does, its version, "
                    + "API version, endpoint, rootless mode, cgroup version, the limits it can enforce and whether "
                    + "the default image is there; when it does not, why, naming where it looked. Then which runtime "
                    + "'auto' and the current configuration ($IRONBOX_RUNTIME, the config file) would use.",
            "",
            "Examples:",
            "  ironbox doctor",
            "  ironbox doctor --json"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:at least one runtime can run sandboxes",
            "125:none can (or the installed runtimes cannot be loaded)"
        })
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    private final DiagnoseRuntimesUseCase doctor;
    private final CliContext context;

    DoctorCommand(DiagnoseRuntimesUseCase doctor, CliContext context) {
        this.doctor = doctor;
        this.context = context;
    }

    @Override
    public Integer call() {
        RuntimesReport report = doctor.diagnose();
        context.out().print(json ? CliJson.write(DoctorJson.of(report)) + System.lineSeparator() : DoctorText.write(report));
        context.out().flush();
        return report.anyUsable() ? ExitCodes.OK : ExitCodes.IRONBOX_FAILURE;
    }
}
