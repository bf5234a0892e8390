package dev.ironbox.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The words of a command to run (CMD of {@code run}, {@code session exec}): the positional that takes them names this
 * class as its {@code parameterConsumer}. From CMD's first word on, every word is the command's, as the command will
 * see it; Ironbox options stay free to come in any order before CMD.
 *
 * <p>Without a {@code --} before CMD, a word after CMD's first that Ironbox would also read as its own (one of the
 * command's options, {@code -h}, {@code -V}, or {@code --}) is ambiguous: {@code run python3 -V} may ask Python's
 * version or Ironbox's. Ironbox does not guess: {@link #refuseAmbiguous} refuses the run, before help or version
 * is handled, and says to put the command after {@code --}.
 */
final class CommandWords implements IParameterConsumer {

    /** Words a POSIX shell takes as they are; the suggested command line quotes any other. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    /** Takes every remaining word: the options of the command being run are its own, not Ironbox's. */
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<String> words = new ArrayList<>();
        while (!args.isEmpty()) {
            words.add(args.pop());
        }
        argSpec.setValue(words);
    }

    /** Runs {@code next} unless {@link #refuseAmbiguous} refuses first. */
    static IExecutionStrategy checkedBefore(IExecutionStrategy next) {
        return parseResult -> {
            refuseAmbiguous(parseResult);
            return next.execute(parseResult);
        };
    }

    /**
     * Throws a {@link ParameterException} when the command parsed runs a command given without a {@code --} before
     * it, and one of that command's words after the first is a word Ironbox would read as its own.
     */
    static void refuseAmbiguous(ParseResult root) {
        ParseResult leaf = root;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Optional<PositionalParamSpec> cmd = commandPositional(leaf.commandSpec());
        if (cmd.isEmpty()) {
            return;
        }
        List<String> words = cmd.get().getValue();
        List<String> args = root.expandedArgs();
        if (words == null || words.size() < 2) {
            return;
        }
        // the consumer took every word to the end, so CMD is the tail of the arguments
        String delimiter = leaf.commandSpec().parser().endOfOptionsDelimiter();
        if (args.subList(0, args.size() - words.size()).contains(delimiter)) {
            return;
        }
        for (String word : words.subList(1, words.size())) {
            if (word.equals(delimiter) || isOption(leaf.commandSpec(), word)) {
                throw new Ambiguous(leaf.commandSpec().commandLine(), "'" + word + "' comes after the command's first word '"
                        + words.get(0) + "': put the command and its arguments after '" + delimiter + "' ("
                        + suggestion(leaf.commandSpec(), cmd.get(), words) + ")");
            }
        }
    }

    /** The positional whose words are a command to run, if {@code spec} has one. */
    static Optional<PositionalParamSpec> commandPositional(CommandSpec spec) {
        return spec.positionalParameters().stream()
                .filter(positional -> positional.parameterConsumer() instanceof CommandWords)
                .findFirst();
    }

    /** Whether picocli, reading options, would take {@code word} as one of {@code spec}'s: name, name=value, -hV. */
    private static boolean isOption(CommandSpec spec, String word) {
        String separator = spec.parser().separator();
        String name = word.contains(separator) ? word.substring(0, word.indexOf(separator)) : word;
        if (spec.optionsMap().containsKey(name) || spec.negatedOptionsMap().containsKey(name)) {
            return true;
        }
        return word.length() > 2 && word.charAt(0) == '-' && word.charAt(1) != '-'
                && spec.parser().posixClusteredShortOptionsAllowed()
                && spec.optionsMap().containsKey(word.substring(0, 2));
    }

    /** {@code ironbox session exec ID [options] -- python3 -V}: the command line that says what was meant. */
    private static String suggestion(CommandSpec spec, PositionalParamSpec cmd, List<String> words) {
        StringBuilder line = new StringBuilder(spec.qualifiedName());
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (positional != cmd) {
                line.append(' ').append(positional.paramLabel());
            }
        }
        line.append(" [options] ").append(spec.parser().endOfOptionsDelimiter());
        words.forEach(word -> line.append(' ').append(PLAIN.matcher(word).matches() ? word
                : "'" + word.replace("'", "'\\''") + "'"));
        return line.toString();
    }

    /** The refusal: its message is the whole line, without the usual pointer to --help. */
    static final class Ambiguous extends ParameterException {
        private static final long serialVersionUID = 1L;

        Ambiguous(CommandLine commandLine, String message) {
            super(commandLine, message);
        }
    }
}
