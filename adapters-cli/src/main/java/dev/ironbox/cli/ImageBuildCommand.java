package dev.ironbox.cli;

import dev.ironbox.core.model.ImageReference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    private final ImageImports imports;

    ImageBuildCommand(ImageImports imports) {
        this.imports = imports;
    }

    @Override
    public Integer call() {
        ImageReference.parse(tag); // a bad tag is refused here, before any engine is opened
        Path source = OptionValues.path("--rootfs", rootfs, imports.context().workingDirectory());
        return imports.store(runtime, "importing " + source.getFileName(),
                (sandbox, listener) -> sandbox.buildImage(source, tag, listener));
    }
}
