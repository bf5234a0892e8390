package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/** The real command line over a fake factory, its stdout and stderr captured. */
final class CapturedCli {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CliContext context;
    final SandboxFactory factory;
    /** Configuration's pick when --runtime is not given: "docker", from IRONBOX_RUNTIME. */
    final SelectRuntimeUseCase selection = requested -> requested
            .map(id -> new RuntimeChoice(id, RuntimeChoice.REQUESTED))
            .orElse(new RuntimeChoice("docker", "IRONBOX_RUNTIME"));

    CapturedCli(SandboxFactory factory, Path workingDirectory) {
        this.factory = factory;
        this.context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), workingDirectory);
    }

    /** {@code IronboxCli.commandLine(...)}, as the composition root builds it. */
    CommandLine commandLine() {
        return IronboxCli.commandLine(factory, selection, () -> {
            throw new UnsupportedOperationException("no doctor here");
        }, context);
    }

    int execute(String... args) {
        return commandLine().execute(args);
    }

    /** A command line of the top command and one subcommand built by {@code subcommand}, configured as IronboxCli. */
    int execute(Function<CapturedCli, CommandLine> subcommand, String... args) {
        ExitCodeMapper errors = new ExitCodeMapper(context.out(), context.err());
        return new CommandLine(new IronboxCommand())
                .addSubcommand(subcommand.apply(this))
                .setResourceBundle(new KnownRuntimes(factory))
                .setOut(new java.io.PrintWriter(context.out(), true))
                .setErr(new java.io.PrintWriter(context.err(), true))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
