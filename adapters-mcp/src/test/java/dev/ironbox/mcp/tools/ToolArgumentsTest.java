package dev.ironbox.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every tool checks its own arguments: a bad call is a one-line tool error, and nothing runs. */
class ToolArgumentsTest {

    private final Calls calls = new Calls();

    private String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = calls.call(tool, arguments);
        assertThat(result.isError()).as("isError of %s", arguments).isTrue();
        assertThat(result.structuredContent()).isNull();
        String text = Calls.text(result);
        assertThat(text).doesNotContain("\n");
        return text;
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void unknownArgumentsAreRefusedNamingWhatTheToolTakes() {
        assertThat(error("run", args("shell", "ls", "policy", "full_access")))
                .isEqualTo("unknown argument policy: this tool takes command, shell, timeout, maxOutputBytes, env, "
                        + "stdin");
        assertThat(error("session_start", args("image", "ubuntu")))
                .isEqualTo("unknown argument image: this tool takes no arguments");
        assertThat(calls.sandbox.runs).isEmpty();
        assertThat(calls.sandbox.sessions).isEmpty();
    }

    @Test
    void aCallWithoutArgumentsOrMetaIsAnsweredToo() {
        var request = new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("run", null, null);
        CallToolResult result = calls.spec("run").callHandler().apply(null, request);
        assertThat(result.isError()).isTrue();
        assertThat(Calls.text(result)).startsWith("missing argument command or shell");
        var list = new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("session_list", null, null);
        assertThat(calls.spec("session_list").callHandler().apply(null, list).isError()).isFalse();
    }

    @Test
    void commandAndShellAreExactlyOne() {
        assertThat(error("run", args())).startsWith("missing argument command or shell: give command (");
        assertThat(error("run", args("command", List.of("ls"), "shell", "ls")))
                .isEqualTo("give either command or shell, not both");
        assertThat(calls.sandbox.runs).isEmpty();
    }

    @Test
    void mistypedCommandsAreRefused() {
        String takes = "a non-empty array of strings (the program and its arguments)";
        assertThat(error("run", args("command", List.of()))).isEqualTo("argument command takes " + takes + ", got []");
        assertThat(error("run", args("command", "ls -l"))).isEqualTo("argument command takes " + takes
                + ", got \"ls -l\"");
        assertThat(error("run", args("command", List.of("ls", 3)))).isEqualTo("argument command takes " + takes
                + ", got [ls, 3]");
        assertThat(error("run", args("command", List.of("")))).isEqualTo("argument command takes " + takes
                + ": its first string, the program, is empty");
        assertThat(error("run", args("shell", " "))).isEqualTo(
                "argument shell takes a non-empty string (a command line for sh -c), got \" \"");
        assertThat(error("run", args("shell", 42))).startsWith("argument shell takes a non-empty string");
        assertThat(calls.sandbox.runs).isEmpty();
    }

    @Test
    void envTakesStringValuesOnly() {
        assertThat(error("run", args("shell", "env", "env", Map.of("A", 1))))
                .isEqualTo("argument env takes an object of string values (variable name to value); the value of A "
                        + "is not a string");
        assertThat(error("run", args("shell", "env", "env", List.of("A=1"))))
                .isEqualTo("argument env takes an object of string values (variable name to value), got [A=1]");
        assertThat(error("run", args("shell", "cat", "stdin", List.of("x"))))
                .startsWith("argument stdin takes a string");
    }

    @Test
    void timeoutTakesAPositiveNumberOfSeconds() {
        for (Object bad : List.of(0, -1, -0.5, "10", true, Double.NaN)) {
            assertThat(error("run", args("shell", "ls", "timeout", bad)))
                    .startsWith("argument timeout takes a number of seconds above 0, got ");
        }
        assertThat(calls.sandbox.runs).isEmpty();
    }

    @Test
    void maxOutputBytesTakesAPositiveWholeNumber() {
        for (Object bad : List.of(0, -5, 1.5, "100", new java.math.BigDecimal("2.5"))) {
            assertThat(error("run", args("shell", "ls", "maxOutputBytes", bad)))
                    .startsWith("argument maxOutputBytes takes a whole number of bytes above 0, got ");
        }
        assertThat(calls.sandbox.runs).isEmpty();
    }

    @Test
    void aNarrowingCallIsAcceptedAndReachesTheRequest() {
        CallToolResult result = calls.call("run", args("command", List.of("ls", "-l"), "timeout", 5.5,
                "maxOutputBytes", 100.0, "env", Map.of("MINE", "1"), "stdin", "héllo"));
        assertThat(result.isError()).isFalse();
        var request = calls.sandbox.runs.get(0);
        assertThat(request.command()).containsExactly("ls", "-l");
        assertThat(request.limits().timeout()).isEqualTo(Duration.ofMillis(5500));
        assertThat(request.limits().maxOutputBytes()).isEqualTo(100);
        assertThat(request.env()).containsEntry("MINE", "1").containsEntry("OPERATOR_TOKEN", "x");
        assertThat(new String(request.stdin(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(request.image()).isEqualTo("alpine:3.19");
    }

    @Test
    void shellRunsAsShDashC() {
        calls.call("run", args("shell", "echo $HOME | wc -c"));
        assertThat(calls.sandbox.runs.get(0).command()).containsExactly("sh", "-c", "echo $HOME | wc -c");
    }

    @Test
    void aWideningCallIsRefusedWithWhatTheServerAllows() {
        assertThat(error("run", args("shell", "ls", "timeout", 600)))
                .isEqualTo("a timeout of 10m is longer than this server allows: at most 120s");
        assertThat(error("run", args("shell", "ls", "maxOutputBytes", 1L << 40)))
                .isEqualTo("an output budget of 1099511627776 bytes is more than this server allows: at most 65536"
                        + " bytes");
        assertThat(error("run", args("shell", "ls", "maxOutputBytes",
                new java.math.BigInteger("99999999999999999999"))))
                .startsWith("an output budget of 9223372036854775807 bytes is more than this server allows");
        assertThat(error("run", args("shell", "ls", "env", Map.of("OPERATOR_TOKEN", "mine"))))
                .isEqualTo("variable OPERATOR_TOKEN is set by this server and cannot be changed");
        assertThat(calls.sandbox.runs).isEmpty();
    }

    @Test
    void sessionToolsNeedASessionId() {
        assertThat(error("session_exec", args("shell", "ls")))
                .isEqualTo("missing argument sessionId: it takes a string (an ID session_start returned)");
        assertThat(error("session_stop", args("sessionId", 7)))
                .isEqualTo("argument sessionId takes a string (an ID session_start returned), got 7");
    }

    @Test
    void filePathsMustBeAbsoluteNamesOfFiles() {
        String id = calls.startSession();
        for (String bad : List.of("notes.txt", "/workspace/../etc/passwd", "/workspace/", "/", "/a//b", "/a/./b",
                "")) {
            assertThat(error("write_file", args("sessionId", id, "path", bad, "content", "x")))
                    .startsWith("argument path takes an absolute path to a file in the session");
            assertThat(error("read_file", args("sessionId", id, "path", bad)))
                    .startsWith("argument path takes an absolute path to a file in the session");
        }
        assertThat(calls.sandbox.copies).isEmpty();
    }

    @Test
    void contentAndEncodingAreChecked() {
        String id = calls.startSession();
        assertThat(error("write_file", args("sessionId", id, "path", "/tmp/a", "content", "@@@", "encoding",
                "base64"))).startsWith("argument content is not valid base64 (");
        assertThat(error("write_file", args("sessionId", id, "path", "/tmp/a", "content", "x", "encoding", "hex")))
                .isEqualTo("argument encoding takes \"text\" (UTF-8, the default) or \"base64\", got \"hex\"");
        assertThat(error("write_file", args("sessionId", id, "path", "/tmp/a")))
                .isEqualTo("missing argument content: it takes a string (the file's content, spelled as encoding "
                        + "says)");
        assertThat(calls.sandbox.copies).isEmpty();
    }
}
