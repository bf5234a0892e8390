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
 * {@code ironbox: <message>} line on stderr and exit code {@link ExitCodes#IRONBOX_FAILURE}. The command's own
 * failures are not exceptions: they are exit codes in its result.
 */
final class ExitCodeMapper implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final PrintStream err;

    ExitCodeMapper(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        if (ex instanceof CommandWords.Ambiguous) {
            report(ex.getMessage()); // says itself what to do
            return ExitCodes.IRONBOX_FAILURE;
        }
        if (ex.getCause() instanceof IronboxException invalid) {
            report(invalid.getMessage()); // an option's converter (OptionConverters) names the option and the value
            return ExitCodes.IRONBOX_FAILURE;
        }
        String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
        // options are Ironbox's wherever they stand, so a command's own options must follow '--': say so when the
        // caller gave none
        String hint = ex instanceof UnmatchedArgumentException && takesACommand(ex.getCommandLine())
                && !List.of(args).contains("--") ? "put the command and its arguments after '--'; " : "";
        report(ex.getMessage() + " (" + hint + "see '" + help + "')");
        return ExitCodes.IRONBOX_FAILURE;
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
        if (ex instanceof IronboxException ironbox) {
            report(ironbox.getMessage());
        } else if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            report("interrupted; the sandbox was removed");
        } else {
            report("unexpected error: " + ex);
        }
        return ExitCodes.IRONBOX_FAILURE;
    }

    /**
     * One line whatever the message holds: line breaks joined, control characters escaped (a value may carry a
     * terminal escape or a NUL), at most {@link MessageText#LINE_CHARACTERS} characters; no regular expression, so a
     * megabyte of blanks costs no more than it is long.
     */
    private void report(String message) {
        String text = message == null || message.isBlank() ? "failed" : message;
        err.println("ironbox: " + MessageText.oneLine(text));
        err.flush();
    }
}
