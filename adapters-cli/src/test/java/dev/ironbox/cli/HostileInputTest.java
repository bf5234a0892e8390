package dev.ironbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option that takes a string, and every argument that names something, given what an attacker (or a broken
 * script) would: a megabyte, path and tag separators by the thousand, non-ASCII, line breaks, NUL, a terminal escape.
 * Each is exit 125 and exactly one short line on stderr, never a stack trace, and nothing reaches a sandbox.
 */
class HostileInputTest {

    private static final Map<String, String> HOSTILE = Map.of(
            "10,000 characters", "a".repeat(10_000),
            "1,000,000 characters", "a".repeat(1_000_000),
            "a/ x 5000", "a/".repeat(5000),
            "a: x 5000", "a:".repeat(5000),
            "non-ASCII", "\u00e9\u4e2d\uD83D\uDE00x",
            "line breaks", "a\nb\r\nc",
            "NUL", "a\u0000b",
            "terminal escape", "\u001b[31mred\u001b]0;title\u0007",
            "a megabyte of blanks", " ".repeat(1_000_000) + "\nx y");

    private static final String SESSION = "0123456789ab";

    @TempDir
    Path cwd;

    private final FakeSandboxFactory factory = new FakeSandboxFactory();

    /** Each command line with {@code V} where the hostile value goes. */
    static Stream<Arguments> commandLines() {
        List<List<String>> lines = new ArrayList<>();
        for (String option : List.of("--image", "--env", "--workspace", "--timeout", "--memory", "--cpus", "--pids",
                "--max-output", "--allow-domain", "--credential", "--policy", "--runtime", "--upstream-ca")) {
            lines.add(List.of("run", option, "V", "--", "true"));
        }
        for (String option : List.of("--image", "--env", "--workspace", "--timeout", "--memory", "--cpus", "--pids",
                "--ttl")) {
            lines.add(List.of("session", "start", option, "V"));
        }
        lines.add(List.of("session", "exec", "V", "--", "true"));
        for (String option : List.of("--timeout", "--env", "--max-output")) {
            lines.add(List.of("session", "exec", SESSION, option, "V", "--", "true"));
        }
        lines.add(List.of("session", "stop", "V"));
        lines.add(List.of("cp", "V", SESSION + ":/tmp"));
        lines.add(List.of("cp", SESSION + ":V", "out"));
        lines.add(List.of("cp", SESSION + ":/tmp/x", "V"));
        lines.add(List.of("cp", "--max-size", "V", SESSION + ":/tmp/x", "out"));
        lines.add(List.of("image", "build", "--rootfs", ".", "--tag", "V"));
        lines.add(List.of("image", "host-tools", "--tag", "V"));
        return lines.stream().flatMap(line -> HOSTILE.entrySet().stream()
                .map(value -> Arguments.of(String.join(" ", line), value.getKey(), line, value.getValue())));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("commandLines")
    void isExit125AndOneShortPrintableLine(String shown, String kind, List<String> line, String value) {
        String[] args = line.stream().map(arg -> arg.replace("V", value)).toArray(String[]::new);
        Console console = new Console(factory, cwd, Map.of());

        int code = console.execute(args);

        String err = console.err();
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.IRONBOX_FAILURE);
        assertThat(err).startsWith("ironbox: ").endsWith(System.lineSeparator()).doesNotContain("\tat ", "Exception");
        assertThat(err.lines()).as("stderr of %s", shown).hasSize(1);
        assertThat(err.length()).as("stderr length").isLessThan(2200);
        assertThat(err.chars().filter(c -> c < 0x20 && c != '\t' && c != '\n')).as("control characters").isEmpty();
        assertThat(console.out()).isEmpty();
        assertThat(factory.requests).as("runs that reached a sandbox").isEmpty();
        assertThat(factory.sessionRequests).as("sessions that reached a sandbox").isEmpty();
        assertThat(factory.execRequests).isEmpty();
        assertThat(factory.stopped).isEmpty();
        assertThat(factory.copies).isEmpty();
    }
}
