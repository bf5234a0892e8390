package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ironbox image}: local images without a registry; the work is in its subcommands. */
@Command(name = "image",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Makes and lists local images, no registry needed.",
            "",
            "Examples:",
            "  ironbox image build --rootfs ./rootfs.tar --tag localhost/mytools:1",
            "  ironbox image host-tools --tag localhost/host-tools:1",
            "  ironbox image ls --json"
        },
        commandListHeading = "%nCommands:%n")
final class ImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * {@code ironbox image} with its subcommands. Progress is shown only when {@code System.console()} exists, i.e.
     * stdin and stdout are a terminal; piped output stays quiet.
     */
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context) {
        return commandLine(factory, selection, context, () -> System.console() != null);
    }

    /** @param terminal whether progress may be drawn on {@code context.err()} */
    static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context,
            BooleanSupplier terminal) {
        Function<String, Progress> progress = label -> terminal.getAsBoolean()
                ? new Progress(new TerminalProgress(context.err(), label, System::nanoTime))
                : Progress.QUIET;
        ImageImports imports = new ImageImports(factory, selection, context, progress);
        return new CommandLine(new ImageCommand())
                .addSubcommand(new ImageBuildCommand(imports))
                .addSubcommand(new ImageHostToolsCommand(imports))
                .addSubcommand(new ImageLsCommand(factory, selection, context));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing a subcommand: build, host-tools or ls, e.g. 'ironbox image ls'");
    }

    /** A transfer's progress for core, and the end of its line once the transfer is over. */
    record Progress(TransferProgress listener, Runnable finish) {

        static final Progress QUIET = new Progress(TransferProgress.NONE, () -> {});

        Progress(TerminalProgress terminal) {
            this(terminal, terminal::finish);
        }
    }
}
