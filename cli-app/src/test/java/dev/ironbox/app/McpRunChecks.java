package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@code run} tool through the SDK's client: one command in a fresh sandbox, its result as structured content. */
interface McpRunChecks extends McpServerFixture {

    @Test
    @SuppressWarnings("unchecked")
    default void initializeAndToolsListOfferTheSevenToolsEachWithAnInputSchema() throws Exception {
        McpServerProcess server = server();

        assertThat(server.client().getServerInfo().name()).isEqualTo("ironbox");
        assertThat(server.client().getServerCapabilities().tools()).isNotNull();
        List<McpSchema.Tool> tools = server.client().listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("run", "session_start",
                "session_exec", "session_stop", "session_list", "write_file", "read_file");
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object")
                    .containsEntry("additionalProperties", false);
        }
        McpSchema.Tool run = tools.stream().filter(tool -> tool.name().equals("run")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) run.inputSchema().get("properties")).containsKeys("command", "shell", "timeout",
                "maxOutputBytes", "env", "stdin");
        assertThat(run.outputSchema()).as("run's output schema").isNotNull();
        assertThat(run.description()).as("run's description names the operator's timeout").contains("20");
    }

    @Test
    default void anArgvRunKeepsStdoutAndStderrApartAndANonZeroExitIsAResult() throws Exception {
        McpServerProcess server = server();

        McpSchema.CallToolResult result = server.call("run",
                Map.of("command", List.of("sh", "-c", "echo out; echo err >&2; exit 3")));

        assertThat(result.isError()).as(McpServerProcess.text(result)).isNotEqualTo(Boolean.TRUE);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) result.structuredContent();
        assertThat(run).containsEntry("exitCode", 3).containsEntry("stdout", "out\n").containsEntry("stderr", "err\n")
                .containsEntry("truncated", false).containsEntry("timedOut", false)
                .containsEntry("oomKilled", false).containsKeys("durationMs", "network", "pooled");
        assertThat(run.get("durationMs")).isInstanceOf(Integer.class);
        assertThat((Integer) run.get("durationMs")).isNotNegative();
        assertThat(run.get("network")).isInstanceOf(List.class);
        assertThat(run.get("pooled")).isInstanceOf(Boolean.class);
        assertThat(McpServerProcess.text(result)).contains("exit 3", "out", "err");
        assertThat(containersOnceGone(server.pid())).as("the run's container").isEmpty();
    }

    @Test
    default void aShellRunReadsItsStdinAndSeesItsOwnAndTheOperatorsVariables() throws Exception {
        McpServerProcess server = server();

        Map<String, Object> run = server.ok("run", Map.of(
                "shell", "cat; echo \"$GREETING\"; echo \"$" + OPERATOR_VARIABLE + "\"",
                "stdin", "h\u00e9llo from stdin\n", "env", Map.of("GREETING", "hi")));

        assertThat(run).containsEntry("exitCode", 0)
                .containsEntry("stdout", "h\u00e9llo from stdin\nhi\nfixed\n").containsEntry("stderr", "");
    }

    @Test
    default void withoutStdinTheCommandReadsEndOfFileAtOnce() throws Exception {
        McpServerProcess server = server();

        Map<String, Object> run = server.ok("run", Map.of("command", List.of("cat")));

        assertThat(run).containsEntry("exitCode", 0).containsEntry("stdout", "").containsEntry("timedOut", false);
    }

    @Test
    default void aSmallOutputBudgetTruncatesTheOutput() throws Exception {
        McpServerProcess server = server();

        Map<String, Object> run = server.ok("run", Map.of("shell", "head -c 100000 /dev/zero | tr '\\0' a",
                "maxOutputBytes", 1000));

        assertThat(run).containsEntry("truncated", true);
        String stdout = (String) run.get("stdout");
        // what is kept of the output (its head and tail), around the marker that says how much was dropped
        assertThat(stdout).startsWith("aaaa").endsWith("aaaa").contains(" bytes truncated ...]");
        assertThat(stdout.replaceFirst("\\n\\[\\.\\.\\. ironbox: \\d+ bytes truncated \\.\\.\\.]\\n", ""))
                .as("the output kept").hasSizeLessThanOrEqualTo(1000).matches("a+");
    }

    @Test
    default void aTimeoutEndsTheCommandLongBeforeItWouldAndLeavesNoContainer() throws Exception {
        McpServerProcess server = server();
        long begun = System.nanoTime();

        Map<String, Object> run = server.ok("run", Map.of("command", List.of("sleep", "30"), "timeout", 2));

        assertThat(Duration.ofNanos(System.nanoTime() - begun)).as("did not wait for sleep 30")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(run).containsEntry("timedOut", true);
        assertThat(containersOnceGone(server.pid())).as("the timed-out run's container").isEmpty();
        assertThat(server.ok("run", Map.of("shell", "echo alive"))).containsEntry("stdout", "alive\n");
    }

    @Test
    default void aRunAskingForProgressGetsItsOutputAsProgressNotifications() throws Exception {
        McpServerProcess server = server();
        String expected = "line1\nline2\nline3\nline4\nline5\n";

        McpSchema.CallToolResult result = server.callWithProgress("run",
                Map.of("shell", "for i in 1 2 3 4 5; do echo line$i; sleep 0.5; done"), "progress-1");

        assertThat(result.isError()).as(McpServerProcess.text(result)).isNotEqualTo(Boolean.TRUE);
        // the SDK's client hands each notification to the consumer on a worker thread: they may land out of order,
        // or just after the result (the raw-stdio check sees the order on the wire); put them in progress order
        List<McpSchema.ProgressNotification> progress = eventually(
                () -> inProgressOrder(server.progress()), seen -> joined(seen).equals(expected));
        assertThat(progress).as("progress notifications").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(notification -> assertThat(notification.progressToken()).isEqualTo("progress-1"));
        assertThat(joined(progress)).as("their messages: the output").isEqualTo(expected);
        List<Double> values = progress.stream().map(McpSchema.ProgressNotification::progress).toList();
        assertThat(values).as("progress: bytes seen so far").doesNotHaveDuplicates();
        assertThat(values.get(values.size() - 1)).isEqualTo((double) expected.length());
    }

    private static List<McpSchema.ProgressNotification> inProgressOrder(List<McpSchema.ProgressNotification> seen) {
        return seen.stream().sorted(java.util.Comparator.comparing(McpSchema.ProgressNotification::progress))
                .toList();
    }

    private static String joined(List<McpSchema.ProgressNotification> progress) {
        return progress.stream().map(McpSchema.ProgressNotification::message).collect(Collectors.joining());
    }
}
