package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ironbox.jar mcp --runtime docker} driven over stdio by a client nobody on the project wrote: the
 * official MCP TypeScript SDK, pinned in {@code src/test/mcp-ts/package.json} (and its lock), installed by
 * {@code npm ci} into {@code target/mcp-ts}. {@code client.mjs} makes the calls once and prints what it saw as one
 * JSON object; each test here asserts one part of it. Writes {@code target/mcp-ts/transcript.txt} (the raw
 * {@code tools/list} and one {@code run} call) for the release notes. Needs Node 20+ and npm: under {@code CI=true}
 * their absence, or a failing {@code npm ci}, is a failure; elsewhere a skip.
 */
class McpTypeScriptClientIT {

    private static final Path SOURCES = Path.of("src", "test", "mcp-ts").toAbsolutePath();
    private static final Path DIR = Path.of("target", "mcp-ts").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the SDK reports on an answer to a request it no longer waits for (here: the one it cancelled). */
    private static final String LATE_ANSWER = "Received a response for an unknown message ID";

    private static JsonNode seen;

    @BeforeAll
    static void installTheSdkAndRunTheClient(@TempDir Path temp) throws Exception {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        required(node.isPresent() && npm.isPresent(), "node and npm (Node 20 or later) must be on the PATH");
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(SOURCES.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process ci = start(DIR.resolve("npm-ci.log"), npm.get().toString(), "ci", "--no-audit", "--no-fund");
        int installed = finish(ci, 300);
        required(installed == 0, "npm ci --no-audit --no-fund in " + DIR + " exited " + installed + ": "
                + reason(DIR.resolve("npm-ci.log")));

        // the sandbox user must be able to enter the workspace (a JUnit temp dir is 0700)
        Path workspace = Files.createDirectory(temp.resolve("workspace"));
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar")).toAbsolutePath();
        Process client = start(DIR.resolve("client.err"), node.get().toString(), "client.mjs", java.toString(),
                jar.toString(), workspace.toString());
        int code = finish(client, 600);
        String err = Files.readString(DIR.resolve("client.err"));
        assertThat(code).as("node client.mjs exited %d; its stderr (and the server's):%n%s", code, err).isZero();
        seen = JSON.readTree(Files.readString(DIR.resolve("client.err.out")));
        assertThat(seen.has("tools")).as("the client listed no tools: %s; stderr:%n%s", seen.get("errors"), err)
                .isTrue();
        Files.writeString(DIR.resolve("transcript.txt"), "tools: " + String.join(", ", toolNames()) + "\n\ntools/list:\n"
                + JSON.writeValueAsString(seen.at("/transcript/toolsList")) + "\n\ntools/call run:\n"
                + JSON.writeValueAsString(seen.at("/transcript/run")) + "\n");
    }

    @Test
    void listsEveryToolWithItsSchemas() {
        assertThat(toolNames()).contains("run", "session_start", "session_exec", "session_stop", "session_list",
                "write_file", "read_file");
        JsonNode run = tool("run");
        assertThat(run.get("description").asText()).isNotBlank();
        assertThat(run.at("/inputSchema/type").asText()).isEqualTo("object");
        assertThat(run.at("/inputSchema/additionalProperties").asBoolean(true)).isFalse();
        assertThat(run.at("/inputSchema/properties/command/type").asText()).isEqualTo("array");
        assertThat(run.at("/inputSchema/properties/shell/type").asText()).isEqualTo("string");
        assertThat(fields(run.at("/inputSchema/properties")))
                .contains("command", "shell", "timeout", "maxOutputBytes", "env", "stdin");
        assertThat(fields(run.at("/outputSchema/properties"))).contains("exitCode", "stdout", "stderr", "truncated",
                "timedOut", "oomKilled", "durationMs", "network", "pooled");
        assertThat(tool("session_exec").at("/inputSchema/properties/sessionId/type").asText()).isEqualTo("string");
    }

    @Test
    void theSdkSawNoProtocolError() {
        assertThat(errors().stream().filter(e -> !e.contains(LATE_ANSWER))).isEmpty();
    }

    @Test
    void aRunAnswersWithItsStructuredResult() {
        JsonNode run = seen.get("run");
        assertThat(run.get("isError").asBoolean(true)).as(run.toString()).isFalse();
        JsonNode result = run.get("structuredContent");
        assertThat(result.get("exitCode").asInt()).isEqualTo(3);
        assertThat(result.get("stdout").asText()).isEqualTo("hello\n");
        assertThat(result.get("stderr").asText()).isEqualTo("oops\n");
        assertThat(result.get("timedOut").asBoolean(true)).isFalse();
        assertThat(result.get("truncated").asBoolean(true)).isFalse();
        assertThat(result.get("oomKilled").asBoolean(true)).isFalse();
        assertThat(result.get("pooled").asBoolean(true)).isFalse();
        assertThat(result.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(result.get("network").isArray()).isTrue();
        assertThat(run.at("/content/0/text").asText()).contains("exit 3", "hello", "oops");
        assertThat(seen.at("/transcript/run/response/result/structuredContent")).isEqualTo(result);
        assertThat(seen.at("/transcript/toolsList/response/result/tools").size()).isEqualTo(seen.get("tools").size());
    }

    @Test
    void aRunReadsTheStandardInputItIsGiven() {
        JsonNode run = seen.get("runWithStdin");
        assertThat(run.get("isError").asBoolean(true)).as(run.toString()).isFalse();
        assertThat(run.at("/structuredContent/exitCode").asInt(-1)).isZero();
        assertThat(run.at("/structuredContent/stdout").asText()).isEqualTo("from the client\n");
    }

    @Test
    void aSessionKeepsStateBetweenCommandsUntilStopped() {
        JsonNode start = seen.get("sessionStart");
        assertThat(start.get("isError").asBoolean(true)).as(start.toString()).isFalse();
        String id = start.at("/structuredContent/sessionId").asText();
        assertThat(id).isNotBlank();
        assertThat(start.at("/structuredContent/policy").asText()).isEqualTo("readonly");
        assertThat(seen.at("/sessionWrite/isError").asBoolean(true)).as(seen.get("sessionWrite").toString()).isFalse();
        assertThat(seen.at("/sessionWrite/structuredContent/exitCode").asInt(-1)).isZero();
        assertThat(seen.at("/sessionWrite/structuredContent/stdout").asText()).isEqualTo("written\n");
        assertThat(seen.at("/sessionRead/structuredContent/exitCode").asInt(-1)).isZero();
        assertThat(seen.at("/sessionRead/structuredContent/stdout").asText()).isEqualTo("kept\n");
        assertThat(seen.at("/sessionList/structuredContent/sessions").findValuesAsText("sessionId"))
                .as(seen.get("sessionList").toString()).containsExactly(id);
        assertThat(seen.at("/sessionStop/isError").asBoolean(true)).as(seen.get("sessionStop").toString()).isFalse();
        assertThat(seen.at("/sessionStop/structuredContent/sessionId").asText()).isEqualTo(id);
        assertThat(seen.at("/sessionStop/structuredContent/stopped").asBoolean()).isTrue();
    }

    @Test
    void aCancelledRunLosesItsContainerAndTheServerGoesOn() {
        JsonNode cancelled = seen.get("cancelled");
        assertThat(cancelled.get("containersBefore")).as("the session's container is gone first").isEmpty();
        assertThat(cancelled.at("/progress/0/message").asText()).as("progress with the output").contains("started");
        assertThat(cancelled.get("containersWhileRunning")).as("docker ps while the run sleeps").hasSize(1);
        assertThat(cancelled.at("/notification/params/requestId").isMissingNode()).as(cancelled.toString()).isFalse();
        assertThat(cancelled.at("/outcome/thrown").asText()).as("the SDK rejects the aborted call").isNotBlank();
        assertThat(cancelled.get("containersAfter")).as("docker ps after the cancellation").isEmpty();
        assertThat(errors().stream().filter(e -> e.contains(LATE_ANSWER)))
                .as("a response to the cancelled request (MCP: a receiver should send none)").isEmpty();
        assertThat(seen.at("/afterCancel/structuredContent/stdout").asText()).isEqualTo("still serving\n");
    }

    @Test
    void theServerExitsCleanlyWhenTheClientLeavesAndLeavesNothing() {
        assertThat(seen.at("/serverExit/code").asInt(-1)).as(seen.get("serverExit").toString()).isZero();
        assertThat(Leftovers.ownedBy(seen.get("serverPid").asLong())).isEmpty();
    }

    private static List<String> toolNames() {
        List<String> names = new ArrayList<>();
        seen.get("tools").forEach(tool -> names.add(tool.get("name").asText()));
        return names;
    }

    private static List<String> errors() {
        List<String> errors = new ArrayList<>();
        seen.get("errors").forEach(error -> errors.add(error.asText()));
        return errors;
    }

    private static JsonNode tool(String name) {
        for (JsonNode tool : seen.get("tools")) {
            if (tool.get("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + seen.get("tools"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Under CI a missing prerequisite fails the test with this one line; elsewhere it skips it. */
    private static void required(boolean met, String reason) {
        if (!met && "true".equals(System.getenv("CI"))) {
            fail(reason + " (CI=true)");
        }
        assumeTrue(met, reason);
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts {@code command} in {@link #DIR}: stderr to {@code log}, stdout to {@code log + ".out"}. */
    private static Process start(Path log, String... command) throws Exception {
        return new ProcessBuilder(command).directory(DIR.toFile()).redirectError(log.toFile())
                .redirectOutput(Path.of(log + ".out").toFile()).start();
    }

    private static int finish(Process process, long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(process.info().commandLine().orElse("a child") + " did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }

    /** npm's error code and message (not its stack, nor its last line: the log file's name), else the last line. */
    private static String reason(Path log) throws Exception {
        List<String> lines = Stream.concat(Files.readAllLines(log).stream(),
                Files.readAllLines(Path.of(log + ".out")).stream()).filter(l -> !l.isBlank()).toList();
        List<String> errors = lines.stream().filter(l -> l.matches("npm (error|ERR!) (code \\S+|[^ ].*)"))
                .filter(l -> !l.matches("npm (error|ERR!) (syscall|errno) .*") && !l.contains("complete log"))
                .limit(2).toList();
        return !errors.isEmpty() ? String.join("; ", errors)
                : lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
