package dev.ironbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.port.out.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ironbox mcp} on a real engine, as an assistant's host runs it: the executable over stdio, driven by the MCP
 * Java SDK's own client (and, for what a client never sends, line by line). The checks live in interfaces of default
 * test methods, one per area; each engine's IT extends this in a few lines; with no engine they fail, never skip.
 * Every server a test starts is ended afterwards, and must have left no container, no network and nothing in its temp
 * directory; its standard error is printed when the test fails.
 */
abstract class McpServerContract implements McpRunChecks, McpRefusalChecks, McpSessionChecks, McpFileChecks,
        McpLifecycleChecks, McpBadInputChecks, McpRawStdioChecks {

    private final List<McpServerProcess> servers = new ArrayList<>();
    private final List<RawMcpServer> rawServers = new ArrayList<>();
    private Path root;
    private Path workspace;

    /** Prints the servers' standard error when the test failed (their files go with the test's directory). */
    @RegisterExtension
    final AfterTestExecutionCallback reportOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            servers.forEach(server -> System.err.println(server.report()));
            rawServers.forEach(server -> System.err.println(server.report()));
        }
    };

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(McpServerProcess.JAR).as("-Dironbox.jar (mvn package builds it)").isRegularFile();
    }

    @BeforeEach
    void createWorkspace() throws IOException {
        // world-readable, unlike a JUnit temp dir (0700), so the sandbox user can enter it
        root = Files.createDirectories(Path.of("target", "mcp-it-" + runtime() + "-" + System.nanoTime())
                .toAbsolutePath());
        workspace = Files.createDirectories(root.resolve("workspace"));
    }

    @AfterEach
    void endsItsServersAndLeavesNothing() throws Exception {
        List<String> problems = new ArrayList<>();
        for (McpServerProcess server : servers) {
            if (server.process().isAlive()) {
                server.close();
            }
            if (!server.awaitExit(McpServerProcess.PATIENCE)) {
                problems.add("server " + server.pid() + " did not exit after its client closed");
            }
            server.kill();
            problems.addAll(leftBy(server.pid(), server.tmp()));
        }
        for (RawMcpServer server : rawServers) {
            if (!server.end()) {
                problems.add("raw server " + server.pid() + " did not exit after the end of its input");
            }
            problems.addAll(leftBy(server.pid(), server.tmp()));
        }
        assertThat(Leftovers.ownedByThisProcess()).as("containers of the test's own JVM").isEmpty();
        deleteRecursively(root);
        assertThat(root).as("the test's directory").doesNotExist();
        assertThat(problems).as("what the servers left").isEmpty();
    }

    @Override
    public McpServerProcess server() throws Exception {
        return server(operatorFlags());
    }

    @Override
    public McpServerProcess server(List<String> operatorFlags) throws Exception {
        McpServerProcess server = McpServerProcess.start(root.resolve("server-" + servers.size()),
                ironboxArgs(operatorFlags));
        servers.add(server);
        return server;
    }

    @Override
    public RawMcpServer rawServer() throws Exception {
        RawMcpServer server = RawMcpServer.start(root.resolve("raw-" + rawServers.size()),
                ironboxArgs(operatorFlags()));
        rawServers.add(server);
        return server;
    }

    private List<String> ironboxArgs(List<String> operatorFlags) {
        List<String> args = new ArrayList<>(List.of("mcp", "--runtime", runtime(), "--workspace",
                workspace.toString()));
        args.addAll(operatorFlags);
        return args;
    }

    private static List<String> operatorFlags() {
        return List.of("--timeout", OPERATOR_TIMEOUT, "--max-output", "64k", "--max-file-size", "8k",
                "--env", OPERATOR_VARIABLE + "=fixed");
    }

    /**
     * What the ended server {@code pid} left: containers and networks (removed here, so one failure does not
     * pollute the engines others share), and files in its temp directory.
     */
    private List<String> leftBy(long pid, Path tmp) throws IOException {
        List<String> left = new ArrayList<>();
        for (String container : Leftovers.ownedBy(pid)) {
            left.add("container " + container);
            String[] engineAndId = container.split(":", 2);
            engineCli(engineAndId[0], "rm", "-f", engineAndId[1]);
        }
        try (ContainerRuntime engine = RuntimeRegistry.fromServiceLoader().find(runtime()).orElseThrow().create()) {
            for (String network : engine.networks().listByLabel(OwnerLabels.OWNER_PID, Long.toString(pid))) {
                left.add("network " + network);
                engine.networks().remove(network);
            }
        }
        try (Stream<Path> files = Files.list(tmp)) {
            files.forEach(file -> left.add("temp file " + file));
        }
        return left;
    }

    private static void engineCli(String engine, String... args) {
        List<String> command = new ArrayList<>(List.of(engine));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(Duration.ofSeconds(60).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(engine + " " + String.join(" ", args) + " failed", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
