package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * AFTER the positionals parses as that option (the README writes {@code session stop ID --runtime X}); and after
 * {@code --}, an option's name is the command's own argument.
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
                List<String> positionals = positionalValues(spec);
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
            List<PositionalParamSpec> positionals = spec.positionalParameters();
            if (positionals.isEmpty() || positionals.get(positionals.size() - 1).arity().max() < Integer.MAX_VALUE) {
                continue; // no open-ended argument list to take what follows --
            }
            for (OptionSpec option : spec.options()) {
                List<String> args = new ArrayList<>(path);
                args.addAll(positionalValues(spec));
                args.add("--");
                args.add(option.longestName());
                checked++;
                try {
                    ParseResult leaf = leaf(fresh().parseArgs(args.toArray(String[]::new)));
                    List<String> values = leaf.matchedPositionals().stream()
                            .flatMap(p -> p.stringValues().stream()).toList();
                    if (leaf.hasMatchedOption(option.longestName()) || values.isEmpty()
                            || !values.get(values.size() - 1).equals(option.longestName())) {
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

    /** One value per positional (its minimum, at least one), so every positional is given before the option. */
    private static List<String> positionalValues(CommandSpec spec) {
        List<String> values = new ArrayList<>();
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            values.addAll(Collections.nCopies(Math.max(1, positional.arity().min()), "value" + values.size()));
        }
        return values;
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
