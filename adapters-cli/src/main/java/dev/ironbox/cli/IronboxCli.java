package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.settings.ConfigTrust;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.port.in.DiagnoseRuntimesUseCase;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
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
     * and opens its sandboxes through {@code egress}, handing it the run's upstream CA; no config file sets run
     * options.
     *
     * @param factory lists the known runtimes (help, {@code --runtime})
     * @param egress the configured egress settings, and opens the sandboxes of {@code ironbox run}
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, CliContext context) {
        return commandLine(factory, selection, doctor, egress, RunConfiguration.none(), context);
    }

    /**
     * A ready command line whose options default to {@code config}'s values (a flag wins), and whose sandboxes open
     * through {@code egress}.
     *
     * @param factory lists the known runtimes (help, {@code --runtime}, where to look for a session)
     * @param egress the configured egress settings, and opens every command's sandboxes
     * @param config the config file's run options ({@code ironbox config show} shows where each value came from)
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, CliContext context) {
        return commandLine(factory, selection, doctor, egress, config, ConfigTrust.unsupported(config),
                context);
    }

    /**
     * A ready command line whose options default to {@code config}'s values (a flag wins), whose sandboxes open
     * through {@code egress}, and whose {@code config} commands show and change trust in project config files.
     *
     * @param trust what {@code config show} displays, and what {@code config trust} and {@code untrust} change
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, ConfigTrust trust,
            CliContext context) {
        return commandLine(factory, selection, doctor, egress, config, trust, AssistantServer.unavailable(), context);
    }

    /**
     * A ready command line as {@link #commandLine(SandboxFactory, SelectRuntimeUseCase, DiagnoseRuntimesUseCase,
     * RunEgress, RunConfiguration, ConfigTrust, CliContext)}, whose {@code mcp} serves {@code assistants}.
     *
     * @param assistants what {@code ironbox mcp} serves on standard input and {@code context.out()} (the other
     *     overloads refuse {@code mcp} in one line)
     */
    public static CommandLine commandLine(SandboxFactory factory, SelectRuntimeUseCase selection,
            DiagnoseRuntimesUseCase doctor, RunEgress egress, RunConfiguration config, ConfigTrust trust,
            AssistantServer assistants, CliContext context) {
        ExitCodeMapper errors = new ExitCodeMapper(context.out(), context.err());
        SessionFinder finder = new SessionFinder(factory, egress, selection);
        CommandLine commandLine = new CommandLine(new IronboxCommand())
                .addSubcommand(new CommandLine(new RunCommand(egress, selection, config, context)))
                .addSubcommand(new CommandLine(new SessionCommand())
                        .addSubcommand(new CommandLine(new SessionStartCommand(egress, selection, config, context)))
                        .addSubcommand(new CommandLine(new SessionExecCommand(finder, config, context)))
                        .addSubcommand(new CommandLine(new SessionStopCommand(finder, context)))
                        .addSubcommand(new CommandLine(new SessionListCommand(finder, context, Clock.systemUTC()))))
                .addSubcommand(new CommandLine(new CpCommand(finder, context)))
                .addSubcommand(new CommandLine(new McpCommand(egress, selection, config, context, assistants)))
                .addSubcommand(new CommandLine(new ConfigCommand())
                        .addSubcommand(new CommandLine(new ConfigShowCommand(trust, selection, context)))
                        .addSubcommand(new CommandLine(new ConfigTrustCommand(trust, context)))
                        .addSubcommand(new CommandLine(new ConfigUntrustCommand(trust, context))))
                .addSubcommand(new CommandLine(new DoctorCommand(doctor, context)))
                .addSubcommand(ImageCommand.commandLine(factory, selection, context))
                .addSubcommand(new PsCommand(factory, selection, context))
                .addSubcommand(new CleanupCommand(factory, selection, context))
                .addSubcommand(new CompletionCommand(context));
        commandLine
                .setResourceBundle(new KnownRuntimes(factory, config, context.workingDirectory()))
                // no @-files: picocli would replace 'run -- curl -d @data.json' with the host file's words
                .setExpandAtFiles(false)
                .setOut(writer(context.out()))
                .setErr(writer(context.err()))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                // before help and version: 'run ls -h' asks for ls's help or Ironbox's, and is refused
                .setExecutionStrategy(CommandWords.checkedBefore(new CommandLine.RunLast()));
        // No setStopAtPositional(true): options and positionals in any order on every command (session stop ID
        // --runtime X, as the README writes it). A command to run (CMD) is all words from its first on (see
        // CommandWords): refused when one of them after the first could be Ironbox's and no '--' came before CMD.
        return commandLine;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }
}
