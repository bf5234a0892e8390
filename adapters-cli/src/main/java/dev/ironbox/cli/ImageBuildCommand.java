package dev.ironbox.cli;

import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ironbox image build --rootfs DIR|TAR --tag T}: a root filesystem imported as a local image. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Imports a root filesystem (a directory or a tar) as a local image.",
            "",
            "Like 'docker import': no registry, no Dockerfile. The tar may be gzip-compressed. Shows progress on a "
                    + "terminal (quiet when piped) and prints the image reference as stored.",
            "",
            "Examples:",
            "  ironbox image build --rootfs ./rootfs --tag localhost/mytools:1",
            "  ironbox image build --rootfs alpine.tar.gz --tag localhost/alpine:3",
            "  ironbox run --image localhost/mytools:1 -- sh -c 'ls /'"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the image was stored",
            "125:bad tag, a rootfs that is neither a directory nor a tar, or an engine failure"
        })
final class ImageBuildCommand implements Callable<Integer> {

    @Option(names = "--rootfs", required = true, paramLabel = "DIR|TAR",
            description = "The root filesystem: a directory, or a tar archive (plain or gzip-compressed).")
    String rootfs;

    @Option(names = "--tag", required = true, paramLabel = "REF",
            description = "The image reference, e.g. localhost/mytools:1 (:latest is added when no tag is given).")
    String tag;

    @Mixin
    ChosenRuntime runtime = new ChosenRuntime();

    private final SandboxFactory factory;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;
    private final Function<String, ImageCommand.Progress> progress;

    ImageBuildCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context,
            Function<String, ImageCommand.Progress> progress) {
        this.factory = factory;
        this.selection = selection;
        this.context = context;
        this.progress = progress;
    }

    @Override
    public Integer call() {
        Path source = context.workingDirectory().resolve(rootfs).normalize();
        String stored;
        try (Sandbox sandbox = runtime.open(factory, selection)) {
            ImageCommand.Progress shown = progress.apply("importing " + source.getFileName());
            try {
                stored = sandbox.buildImage(source, tag, shown.listener());
            } finally {
                shown.finish().run();
            }
        }
        context.out().println(stored);
        context.out().flush();
        return ExitCodes.OK;
    }
}
