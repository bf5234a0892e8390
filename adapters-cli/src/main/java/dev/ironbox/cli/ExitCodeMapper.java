package dev.ironbox.cli;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.error.MessageText;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where exceptions become exit codes: every Ironbox error, usage error or unexpected failure is one
 * {@code ironbox: <message>} line on stderr and exit code {@link ExitCodes#IRONBOX_FAILURE}; when the command was
 * given {@code --json}, also one {@link ErrorJson} object on stdout, so a script reading stdout always gets JSON. The
 * command's own failures are not exceptions: they are exit codes in its result.
 */
final class ExitCodeMapper implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final String JSON = "--json";

    private final PrintStream out;
    private final PrintStream err;

    ExitCodeMapper(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        if (ex instanceof CommandWords.Ambiguous) {
            // says itself what to do; no JSON: whether a --json after the command's first word was Ironbox's is
            // exactly what is unclear
            report(ex.getMessage(), ErrorJson.USAGE, false);
            return ExitCodes.IRONBOX_FAILURE;
        }
        boolean json = jsonAsked(ex.getCommandLine(), args);
        if (ex.getCause() instanceof IronboxException invalid) {
            // an option's converter (OptionConverters) names the option and the value: reported as a command's own
            // bad value is
            report(invalid.getMessage(), ErrorJson.kind(invalid), json);
            return ExitCodes.IRONBOX_FAILURE;
        }
        String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
        // options are Ironbox's wherever they stand, so a command's own options must follow '--': say so when the
        // caller gave none
        String hint = ex instanceof UnmatchedArgumentException && takesACommand(ex.getCommandLine())
                && !List.of(args).contains("--") ? "put the command and its arguments after '--'; " : "";
        report(ex.getMessage() + " (" + hint + "see '" + help + "')", ErrorJson.USAGE, json);
        return ExitCodes.IRONBOX_FAILURE;
    }

    /**
     * Whether the failing command takes {@code --json} and it stands among Ironbox's words (before any {@code --}):
     * the line did not parse, so the words are all there is.
     */
    private static boolean jsonAsked(CommandLine command, String[] args) {
        if (command == null || command.getCommandSpec().findOption(JSON) == null) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(JSON)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the command that ran (the last subcommand parsed) was given {@code --json}. */
    private static boolean jsonAsked(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        return command.hasMatchedOption(JSON);
    }

    /** Whether the command's last positional takes any number of words: a command to run. */
    private static boolean takesACommand(CommandLine command) {
        var positionals = command.getCommandSpec().positionalParameters();
        return !positionals.isEmpty() && positionals.get(positionals.size() - 1).arity().max() == Integer.MAX_VALUE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof ParameterException usage) {
            return handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
        }
        boolean json = jsonAsked(parseResult);
        if (ex instanceof IronboxException ironbox) {
            report(ironbox.getMessage(), ErrorJson.kind(ironbox), json);
        } else if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            report("interrupted; the sandbox was removed", ErrorJson.INTERRUPTED, json);
        } else {
            report("unexpected error: " + ex, ErrorJson.INTERNAL, json);
        }
        return ExitCodes.IRONBOX_FAILURE;
    }

    /**
     * One line whatever the message holds: line breaks joined, control characters escaped (a value may carry a
     * terminal escape or a NUL), at most {@link MessageText#LINE_CHARACTERS} characters; no regular expression, so a
     * megabyte of blanks costs no more than it is long.
     */
    private void report(String message, String kind, boolean json) {
        String line = MessageText.oneLine(message == null || message.isBlank() ? "failed" : message);
        if (json) {
            out.println(CliJson.write(ErrorJson.of(kind, line)));
            out.flush();
        }
        err.println("ironbox: " + line);
        err.flush();
    }
}
