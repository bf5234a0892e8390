package dev.ironbox.mcp.tools;

import dev.ironbox.core.settings.AskedLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What {@code run} and {@code session_exec} take: the command ({@code command} or {@code shell}, exactly one), its
 * variables and input, and the limits the call asks for (only narrowing ones are accepted, by {@code AssistantTerms}).
 */
record CommandArguments(List<String> command, Map<String, String> env, byte[] stdin, AskedLimits asked) {

    static final String COMMAND = "command";
    static final String SHELL = "shell";
    static final String TIMEOUT = "timeout";
    static final String MAX_OUTPUT_BYTES = "maxOutputBytes";
    static final String ENV = "env";
    static final String STDIN = "stdin";

    /** The names, in the order the schemas list them. */
    static final List<String> NAMES = List.of(COMMAND, SHELL, TIMEOUT, MAX_OUTPUT_BYTES, ENV, STDIN);

    static final String COMMAND_TAKES = "a non-empty array of strings (the program and its arguments)";
    static final String SHELL_TAKES = "a non-empty string (a command line for sh -c)";
    static final String TIMEOUT_TAKES = "a number of seconds above 0";
    static final String MAX_OUTPUT_TAKES = "a whole number of bytes above 0";
    static final String ENV_TAKES = "an object of string values (variable name to value)";
    static final String STDIN_TAKES = "a string (UTF-8 text for the command's standard input)";

    static CommandArguments from(Arguments arguments) {
        boolean argv = arguments.has(COMMAND);
        boolean shell = arguments.has(SHELL);
        if (argv == shell) {
            throw new ToolArgumentException(argv
                    ? "give either command or shell, not both"
                    : "missing argument command or shell: give command (" + COMMAND_TAKES + ") or shell ("
                            + SHELL_TAKES + ")");
        }
        List<String> command;
        if (argv) {
            command = arguments.stringList(COMMAND, COMMAND_TAKES).orElseThrow();
            if (command.get(0).isBlank()) {
                throw new ToolArgumentException("argument command takes " + COMMAND_TAKES
                        + ": its first string, the program, is empty");
            }
        } else {
            String line = arguments.requiredString(SHELL, SHELL_TAKES);
            if (line.isBlank()) {
                throw Arguments.mistyped(SHELL, SHELL_TAKES, line);
            }
            command = List.of("sh", "-c", line);
        }
        return new CommandArguments(command, arguments.stringMap(ENV, ENV_TAKES),
                arguments.optionalString(STDIN, STDIN_TAKES).map(s -> s.getBytes(StandardCharsets.UTF_8))
                        .orElse(new byte[0]),
                new AskedLimits(arguments.positiveSeconds(TIMEOUT, TIMEOUT_TAKES),
                        arguments.positiveLong(MAX_OUTPUT_BYTES, MAX_OUTPUT_TAKES)));
    }
}
