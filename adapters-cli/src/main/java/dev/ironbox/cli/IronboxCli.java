package dev.ironbox.cli;

import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Assembles the {@code ironbox} command line over core's use cases; the composition root supplies them. */
public final class IronboxCli {

    private IronboxCli() {}

    /**
     * A ready command line: {@code commandLine(...).execute(args)} returns the process exit code (see
     * {@link ExitCodes}). Every Ironbox error and usage error is reported as one {@code ironbox: ...} line on
     * {@code context.err()}.
     *
     * @param factory opens sandboxes ({@code ironbox run}, without configured egress settings or an upstream CA:
     *     {@code --upstream-ca} is refused)
     * @param selection picks the runtime when {@code --runtime} is not given (environment, config file, auto)
     * @param doctor probes the installed runtimes ({@code ironbox doctor})
     * @param context the streams, environment and working directory
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, CliContext context) {
        return commandLine(factory, selection, doctor, RunEgress.unconfigured(factory), context);
    }

    /**
     * A ready command line whose {@code run} combines its network flags with {@code egress}'s configured settings
     * and opens its sandboxes through {@code egress}, handing it the run's upstream CA.
     *
     * @param factory lists the known runtimes (help, {@code --runtime})
     * @param egress the configured egress settings, and opens the sandboxes of {@code ironbox run}
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, CliContext context) {
        ExitCodeMapper errors = new ExitCodeMapper(context.err());
        CommandLine commandLine = new CommandLine(new IronboxCommand())
                .addSubcommand(new CommandLine(new RunCommand(egress, selection, context))
                        .setDefaultValueProvider(new RunDefaults(context)))
                .addSubcommand(new CommandLine(new DoctorCommand(doctor, context)))
                .addSubcommand(ImageCommand.commandLine(factory, selection, context))
                .addSubcommand(new PsCommand(factory, selection, context))
                .addSubcommand(new CleanupCommand(factory, selection, context))
                .addSubcommand(new CompletionCommand(context));
        return commandLine
                .setResourceBundle(new KnownRuntimes(factory))
                .setStopAtPositional(true)
                .setOut(writer(context.out()))
                .setErr(writer(context.err()))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }
}
