package dev.ironbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ironbox mcp} spoken to line by line, without an SDK: for what a well-behaved client never sends (a line that
 * is not JSON) and for what the SDK client hides (the order of lines, the exit code after end of input). Every line
 * the server writes on standard output must be JSON: one that is not fails the test that reads it.
 */
final class RawMcpServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_JSON = "not JSON";
    private static final JsonNode END = JSON.createObjectNode().put("end of output", true);

    private final Path dir;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

    private RawMcpServer(Path dir, List<String> ironboxArgs) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("cwd"));
        List<String> command = new ArrayList<>(List.of(McpServerProcess.JAVA.toString()));
        command.addAll(McpServerProcess.javaArgs(dir, "-Dironbox.it.server=" + UUID.randomUUID(), ironboxArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.resolve("cwd").toFile())
                .redirectError(stderrFile().toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("IRONBOX_"));
        builder.environment().put("HOME", dir.resolve("home").toString());
        process = builder.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(this::readLines, "raw-mcp-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ironbox ARGS...} in {@code dir} (made here). */
    static RawMcpServer start(Path dir, List<String> ironboxArgs) throws IOException {
        return new RawMcpServer(dir, ironboxArgs);
    }

    long pid() {
        return process.pid();
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    /** Writes {@code line} and a newline to the server's standard input. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Sends a JSON-RPC request. */
    void request(long id, String method, Object params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        send(JSON.writeValueAsString(message));
    }

    /** Sends a JSON-RPC notification. */
    void notify(String method, Object params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", JSON.valueToTree(params));
        send(JSON.writeValueAsString(message));
    }

    /** The handshake of any client: {@code initialize}, its answer, {@code notifications/initialized}. */
    JsonNode initialize() throws IOException, InterruptedException {
        request(0, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "raw-it", "version", "1")));
        JsonNode answer = next(McpServerProcess.PATIENCE);
        if (!answer.path("id").isIntegralNumber() || answer.path("id").asLong() != 0 || !answer.has("result")) {
            throw new AssertionError("initialize answered " + answer + "\n" + stderr());
        }
        notify("notifications/initialized", Map.of());
        return answer;
    }

    /** The next line the server writes, parsed; fails after 60 s or at end of output. */
    JsonNode next() throws InterruptedException {
        return next(Duration.ofSeconds(60));
    }

    private JsonNode next(Duration patience) throws InterruptedException {
        JsonNode line = lines.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line == END) {
            throw new AssertionError((line == null ? "no line from the server in " + patience
                    : "the server's output ended") + "; its standard error:\n" + stderr());
        }
        if (line.has(NOT_JSON)) {
            throw new AssertionError("the server wrote a line that is not JSON on its standard output: "
                    + line.get(NOT_JSON).asText());
        }
        return line;
    }

    /** The lines up to and including the response to request {@code id} (notifications come before it). */
    List<JsonNode> untilResponse(long id) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        JsonNode line;
        do {
            line = next();
            seen.add(line);
        } while (!(line.has("id") && line.get("id").isIntegralNumber() && line.get("id").asLong() == id
                && (line.has("result") || line.has("error"))));
        return seen;
    }

    /** Closes the server's standard input: the client went away. */
    void closeStdin() throws IOException {
        stdin.close();
    }

    /** The exit code, or null when the process did not end within {@code patience}. */
    Integer awaitExit(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    String stderr() {
        try {
            return Files.readString(stderrFile());
        } catch (IOException e) {
            return "(cannot read " + stderrFile() + ": " + e + ")";
        }
    }

    String report() {
        return "raw ironbox mcp (pid " + process.pid() + ", " + dir + ") standard error:\n" + stderr();
    }

    /**
     * Ends the server as its client would, closing its input; kills it when it is still running after 60 s.
     *
     * @return whether it ended on its own
     */
    boolean end() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stdin.close();
        }
        if (process.waitFor(60, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return false;
    }

    private Path stderrFile() {
        return dir.resolve("stderr.log");
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    lines.add(JSON.createObjectNode().put(NOT_JSON, line));
                }
            }
        } catch (IOException e) {
            // the process ended: END follows
        } finally {
            lines.add(END);
        }
    }
}
