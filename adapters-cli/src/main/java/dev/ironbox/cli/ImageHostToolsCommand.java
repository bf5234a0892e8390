package dev.ironbox.cli;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ironbox image host-tools --tag T}: a tiny image that uses the host's own toolchain, read-only. */
@Command(name = "host-tools",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Builds a tiny image that uses the host's own tools, read-only.",
            "",
            "When a sandbox runs the image, the host's /usr, /bin, /lib* and CA certificates are mounted read-only: "
                    + "the sandbox can use the host's compilers and tools offline, still with every other "
                    + "restriction of a run. Shows progress on a terminal; prints the image reference as stored.",
            "",
            "Examples:",
            "  ironbox image host-tools --tag localhost/host-tools:1",
            "  ironbox run --image localhost/host-tools:1 -- curl --version"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the image was stored",
            "125:bad tag, or an engine failure"
        })
final class ImageHostToolsCommand implements Callable<Integer> {

    @Option(names = "--tag", required = true, paramLabel = "REF",
            description = "The image reference, e.g. localhost/host-tools:1 (:latest is added when no tag is given).")
    String tag;

    @Mixin
    ChosenRuntime runtime = new ChosenRuntime();

    private final SandboxFactory factory;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;
    private final Function<String, ImageCommand.Progress> progress;

    ImageHostToolsCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context,
            Function<String, ImageCommand.Progress> progress) {
        this.factory = factory;
        this.selection = selection;
        this.context = context;
        this.progress = progress;
    }

    @Override
    public Integer call() {
        String stored;
        try (Sandbox sandbox = runtime.open(factory, selection)) {
            ImageCommand.Progress shown = progress.apply("importing host-tools image");
            try {
                stored = sandbox.buildHostToolsImage(tag, shown.listener());
            } finally {
                shown.finish().run();
            }
        }
        context.out().println(stored);
        context.out().flush();
        return ExitCodes.OK;
    }
}
