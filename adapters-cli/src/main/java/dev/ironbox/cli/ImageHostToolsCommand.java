package dev.ironbox.cli;

import dev.ironbox.core.model.ImageReference;
import java.util.concurrent.Callable;
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

    private final ImageImports imports;

    ImageHostToolsCommand(ImageImports imports) {
        this.imports = imports;
    }

    @Override
    public Integer call() {
        ImageReference.parse(tag); // a bad tag is refused here, before any engine is opened
        return imports.store(runtime, "importing host-tools image",
                (sandbox, listener) -> sandbox.buildHostToolsImage(tag, listener));
    }
}
