package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One {@code java -jar ironbox.jar mcp ...} process driven by the MCP Java SDK's own client over stdio, as an
 * assistant's host launches it: a minimal environment (the SDK's inherited variables, {@code HOME} a private
 * directory, so no operator config of this machine applies), its own working and temp directories, its standard
 * error to a file the contract prints when a test fails. Not thread-safe: one test drives it.
 */
final class McpServerProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("ironbox.jar", "target/ironbox.jar")).toAbsolutePath();
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Generous: a JVM starting on a 2-core machine shared with other builds. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private final Path dir;
    private final CancellingTransport transport;
    private final McpSyncClient client;
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private final ProcessHandle process;

    private McpServerProcess(Path dir, List<String> ironboxArgs) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("cwd"));
        Files.createFile(stderrFile());
        String marker = "-Dironbox.it.server=" + UUID.randomUUID();
        StdioClientTransport stdio = new ServerTransport(ServerParameters.builder(JAVA.toString())
                .args(javaArgs(dir, marker, ironboxArgs))
                .addEnvVar("HOME", dir.resolve("home").toString())
                .build(), dir.resolve("cwd"));
        stdio.setStdErrorHandler(this::appendStderr);
        transport = new CancellingTransport(stdio);
        client = McpClient.sync(transport).requestTimeout(PATIENCE).initializationTimeout(PATIENCE)
                .progressConsumer(progress::add).build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close(); // ends the process
            throw new AssertionError("ironbox mcp did not initialize; its standard error:\n" + stderr(), e);
        }
        process = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no child process carries " + marker));
    }

    /** Starts {@code ironbox ARGS...} in {@code dir} (made here) and initializes the client. */
    static McpServerProcess start(Path dir, List<String> ironboxArgs) throws IOException {
        return new McpServerProcess(dir, ironboxArgs);
    }

    /** The JVM's arguments: small and quick to start, its temp directory private so a test sees what it left. */
    static List<String> javaArgs(Path dir, String marker, List<String> ironboxArgs) {
        List<String> args = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"), marker, "-jar", JAR.toString()));
        args.addAll(ironboxArgs);
        return args;
    }

    McpSyncClient client() {
        return client;
    }

    CancellingTransport transport() {
        return transport;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle process() {
        return process;
    }

    /** The progress notifications received so far, in arrival order. */
    List<McpSchema.ProgressNotification> progress() {
        return progress;
    }

    /** Calls {@code tool} with {@code arguments}; the result, error or not. */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    /** Calls {@code tool}, asking for progress notifications under {@code token}. */
    McpSchema.CallToolResult callWithProgress(String tool, Map<String, Object> arguments, String token) {
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).progressToken(token)
                .build());
    }

    /** Calls {@code tool} and asserts it answered with a result, not a tool error; its structured content. */
    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("%s %s answered %s", tool, arguments, text(result)).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent()).as("%s's structured content", tool).isInstanceOf(Map.class);
        return (Map<String, Object>) result.structuredContent();
    }

    /** Calls {@code tool} and asserts it answered with a tool error; its text. */
    String refused(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("%s %s is a tool error; it answered %s", tool, arguments, text(result))
                .isTrue();
        return text(result);
    }

    /** The result's text content, joined. */
    static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .map(content -> content instanceof McpSchema.TextContent text ? text.text() : content.toString())
                .collect(Collectors.joining("\n"));
    }

    /** What the server wrote on its standard error so far. */
    String stderr() {
        try {
            return Files.readString(stderrFile());
        } catch (IOException e) {
            return "(cannot read " + stderrFile() + ": " + e + ")";
        }
    }

    /** The server's temp directory: empty once it exited, whatever it did. */
    Path tmp() {
        return dir.resolve("tmp");
    }

    /** Waits for the process to end; whether it did. */
    boolean awaitExit(Duration patience) throws InterruptedException {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** The client disconnects as an assistant's host does when it quits (closes the streams, then ends the process). */
    @Override
    public void close() {
        client.closeGracefully();
    }

    /** Ends the process if it still runs (after a test that failed): never leaves a server behind. */
    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        client.close();
    }

    String report() {
        return "ironbox mcp (pid " + process.pid() + ", " + dir + ") standard error:\n" + stderr();
    }

    private Path stderrFile() {
        return dir.resolve("stderr.log");
    }

    private void appendStderr(String line) {
        try {
            Files.writeString(stderrFile(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SDK's stdio transport, the process started in its own directory with only the variables it is given. */
    private static final class ServerTransport extends StdioClientTransport {

        private final Path cwd;

        ServerTransport(ServerParameters parameters, Path cwd) {
            super(parameters, new JacksonMcpJsonMapper(new ObjectMapper()));
            this.cwd = cwd;
        }

        @Override
        protected ProcessBuilder getProcessBuilder() {
            ProcessBuilder builder = new ProcessBuilder().directory(cwd.toFile());
            builder.environment().clear(); // the SDK adds HOME, PATH, ... and ours: as an assistant's host does
            return builder;
        }
    }
}
