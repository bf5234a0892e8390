package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options and positionals in any order, on every command: for each command and subcommand of the real command line
 * (found by walking it, so commands added later are checked too) that takes positionals, each of its options given
 * AFTER the positionals parses as that option (the README writes {@code session stop ID --runtime X}). A command
 * whose last positional takes any number of words takes a command to run (CMD): there the options go before CMD
 * (after the other positionals is fine), an option's name after {@code --} is CMD's own word, and an option's name
 * after CMD's first word without {@code --} is refused, never taken as Ironbox's.
 */
class OptionOrderTest {

    @TempDir
    Path cwd;

    @Test
    void everyOptionParsesAfterThePositionals() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (List<String> path : commandPaths()) {
            CommandSpec spec = find(path);
            if (spec.positionalParameters().isEmpty()) {
                continue;
            }
            for (OptionSpec option : spec.options()) {
                List<String> positionals = positionalValues(spec, !takesACommand(spec));
                List<String> args = new ArrayList<>(path);
                args.addAll(positionals);
                args.add(option.longestName());
                args.addAll(sampleValues(option));
                checked++;
                try {
                    ParseResult leaf = leaf(fresh().parseArgs(args.toArray(String[]::new)));
                    if (!leaf.hasMatchedOption(option.longestName())) {
                        problems.add(String.join(" ", args) + ": " + option.longestName() + " not matched");
                    } else if (!leaf.matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList()
                            .equals(positionals)) {
                        problems.add(String.join(" ", args) + ": positionals became "
                                + leaf.matchedPositionals().stream().map(p -> p.stringValues()).toList());
                    }
                } catch (CommandLine.ParameterException e) {
                    problems.add(String.join(" ", args) + ": " + e.getMessage());
                }
            }
        }
        assertThat(checked).as("the walk found commands with positionals and options").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void afterDoubleDashAnOptionNameIsTheCommandsArgument() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (List<String> path : commandPaths()) {
            CommandSpec spec = find(path);
            if (!takesACommand(spec)) {
                continue; // no open-ended argument list to take what follows --
            }
            for (OptionSpec option : spec.options()) {
                List<String> args = new ArrayList<>(path);
                args.addAll(positionalValues(spec, false));
                args.addAll(List.of("--", "cmd", option.longestName()));
                checked++;
                try {
                    ParseResult leaf = leaf(fresh().parseArgs(args.toArray(String[]::new)));
                    if (leaf.hasMatchedOption(option.longestName())
                            || !commandWords(leaf).equals(List.of("cmd", option.longestName()))) {
                        problems.add(String.join(" ", args) + ": " + option.longestName()
                                + " was not the command's argument");
                    }
                } catch (CommandLine.ParameterException e) {
                    problems.add(String.join(" ", args) + ": " + e.getMessage());
                }
            }
        }
        assertThat(checked).as("run and session exec take a command after --").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void anOptionAfterTheFirstWordOfACommandToRunIsRefusedWithoutDoubleDash() {
        List<String> problems = new ArrayList<>();
        List<List<String>> takingACommand = new ArrayList<>();
        int checked = 0;
        for (List<String> path : commandPaths()) {
            CommandSpec spec = find(path);
            if (!takesACommand(spec)) {
                continue;
            }
            takingACommand.add(path);
            for (OptionSpec option : spec.options()) {
                List<String> names = new ArrayList<>(List.of(option.names()));
                spec.negatedOptionsMap().forEach((name, negated) -> {
                    if (negated == option) {
                        names.add(name);
                    }
                });
                for (String name : names) {
                    List<String> args = new ArrayList<>(path);
                    args.addAll(positionalValues(spec, false));
                    args.add("cmd");
                    args.add(name);
                    args.addAll(sampleValues(option));
                    checked++;
                    refused(args, name).ifPresent(problems::add);
                }
            }
            List<String> args = new ArrayList<>(path);
            args.addAll(positionalValues(spec, false));
            args.addAll(List.of("cmd", "--", "x"));
            refused(args, "--").ifPresent(problems::add);
        }
        assertThat(takingACommand).as("the commands that run a command").contains(List.of("run"),
                List.of("session", "exec"));
        assertThat(checked).as("every name of every option of run and session exec").isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    /** What is wrong when {@code args} is not refused with the one line naming {@code word}, else nothing. */
    private Optional<String> refused(List<String> args, String word) {
        ScriptedSandboxes sandboxes = new ScriptedSandboxes();
        CapturedCli cli = new CapturedCli(sandboxes, cwd);
        int code = cli.execute(args.toArray(String[]::new));
        String expected = "ironbox: '" + word + "' comes after the command's first word 'cmd': put the command and its "
                + "arguments after '--' (";
        if (code != ExitCodes.IRONBOX_FAILURE || !cli.err().startsWith(expected) || cli.err().lines().count() != 1
                || !cli.out().isEmpty() || !sandboxes.calls.isEmpty()) {
            return Optional.of(String.join(" ", args) + ": exit " + code + ", out '" + cli.out() + "', err '"
                    + cli.err() + "', calls " + sandboxes.calls);
        }
        return Optional.empty();
    }

    @Test
    void theReadmesOrderStopsTheSessionGiven() {
        CapturedCli cli = new CapturedCli(new ScriptedSandboxes(), cwd);
        ParseResult leaf = leaf(cli.commandLine().parseArgs("session", "stop", "ib-123", "--runtime", "podman"));
        assertThat(leaf.matchedOptionValue("--runtime", "")).isEqualTo("podman");
        assertThat(leaf.matchedPositionalValue(0, "")).isEqualTo("ib-123");
    }

    private CommandLine fresh() {
        return new CapturedCli(new ScriptedSandboxes(), cwd).commandLine();
    }

    /** Every command's names from the root, e.g. {@code [session, stop]}; the root itself is {@code []}. */
    private List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        walk(fresh(), new ArrayList<>(), paths);
        assertThat(paths).as("the walk found the commands").contains(List.of("run"), List.of("session", "stop"),
                List.of("session", "exec"), List.of("cp"), List.of("config", "trust"));
        return paths;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        // getSubcommands() maps aliases too: the same command under several names is walked once
        command.getSubcommands().values().stream().distinct().forEach(sub -> {
            List<String> next = new ArrayList<>(path);
            next.add(sub.getCommandName());
            walk(sub, next, paths);
        });
    }

    private CommandSpec find(List<String> path) {
        CommandLine command = fresh();
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    private static ParseResult leaf(ParseResult result) {
        ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }

    /**
     * One value per positional (its minimum, at least one), so every positional is given before the option; with
     * {@code withCommand} false, none for a command to run.
     */
    private static List<String> positionalValues(CommandSpec spec, boolean withCommand) {
        List<String> values = new ArrayList<>();
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        int count = takesACommand(spec) && !withCommand ? positionals.size() - 1 : positionals.size();
        for (PositionalParamSpec positional : positionals.subList(0, count)) {
            values.addAll(Collections.nCopies(Math.max(1, positional.arity().min()), "value" + values.size()));
        }
        return values;
    }

    /** Whether the last positional takes any number of words: a command to run, as {@code run} and {@code exec}. */
    private static boolean takesACommand(CommandSpec spec) {
        List<PositionalParamSpec> positionals = spec.positionalParameters();
        return !positionals.isEmpty() && positionals.get(positionals.size() - 1).arity().max() == Integer.MAX_VALUE;
    }

    /** The words of the command to run, as parsed. */
    private static List<String> commandWords(ParseResult leaf) {
        List<PositionalParamSpec> positionals = leaf.commandSpec().positionalParameters();
        List<String> words = positionals.get(positionals.size() - 1).getValue();
        return words == null ? List.of() : words;
    }

    /** What the option takes: nothing for a flag, an enum's first constant, else a number (valid for any type). */
    private static List<String> sampleValues(OptionSpec option) {
        if (option.arity().max() == 0) {
            return List.of();
        }
        Class<?> type = option.type();
        String value = type.isEnum() ? type.getEnumConstants()[0].toString() : "1";
        return Collections.nCopies(Math.max(1, option.arity().min()), value);
    }
}
