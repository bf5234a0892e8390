package dev.ironbox.cli;

import dev.ironbox.core.port.in.SandboxFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Assembles the {@code ironbox} command line over a {@link SandboxFactory}; the composition root supplies both. */
public final class IronboxCli {

    private IronboxCli() {}

    /**
     * A ready command line: {@code commandLine(factory, context).execute(args)} returns the process exit code (see
     * {@link ExitCodes}). Every Ironbox error and usage error is reported as one {@code ironbox: ...} line on
     * {@code context.err()}.
     */
    public static CommandLine commandLine(SandboxFactory factory, CliContext context) {
        ExitCodeMapper errors = new ExitCodeMapper(context.err());
        CommandLine commandLine = new CommandLine(new IronboxCommand())
                .addSubcommand(new CommandLine(new RunCommand(factory, context))
                        .setDefaultValueProvider(new RunDefaults(context)));
        return commandLine
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
