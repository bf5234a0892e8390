package dev.ironbox.core.tck;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server "outside" the host for network tests: the network namespace of {@code scripts/test-upstream.sh}
 * ({@value #NAMESPACE}, at {@value #ADDRESS}, the host at 10.203.0.1) and plain HTTP servers in it ({@code busybox
 * httpd}). {@link #open()} brings the namespace up unless it already is; {@link #close()} stops the servers it started
 * and takes the namespace down again only if it brought it up. Needs root. Engine-neutral; public in core's test-jar
 * so that every network test (adapters, egress) can use it.
 */
public final class UpstreamNamespace implements AutoCloseable {

    public static final String NAMESPACE = "ironbox-upstream";
    public static final String ADDRESS = "10.203.0.2";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVER_START = Duration.ofSeconds(10);

    private final Path script;
    private final boolean broughtUp;
    private final List<Server> servers = new ArrayList<>();

    private UpstreamNamespace(Path script, boolean broughtUp) {
        this.script = script;
        this.broughtUp = broughtUp;
    }

    /** Brings the namespace up (idempotent). @throws IllegalStateException when the script fails, e.g. not root */
    public static UpstreamNamespace open() {
        Path script = findScript();
        boolean wasUp = runScript(script, "status").exit() == 0;
        if (!wasUp) {
            ScriptResult up = runScript(script, "up");
            if (up.exit() != 0) {
                throw new IllegalStateException(script + " up failed (" + up.exit() + "): " + up.output());
            }
        }
        return new UpstreamNamespace(script, !wasUp);
    }

    public static InetAddress address() {
        try {
            return InetAddress.getByName(ADDRESS);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code busybox httpd} in the namespace on {@value #ADDRESS}:{@code port}, serving {@code body} at
     * {@code /}, and waits until the host can fetch it.
     */
    public Server serve(int port, String body) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("ironbox-upstream-");
        Files.writeString(root.resolve("index.html"), body);
        Process process = new ProcessBuilder("ip", "netns", "exec", NAMESPACE,
                "busybox", "httpd", "-f", "-p", ADDRESS + ":" + port, "-h", root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Server server = new Server(process, root, URI.create("http://" + ADDRESS + ":" + port + "/"));
        servers.add(server);
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (!body.equals(server.fetchFromHost())) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the upstream server on " + server.uri() + " did not come up"
                        + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")"));
            }
            Thread.sleep(100);
        }
        return server;
    }

    @Override
    public void close() {
        servers.forEach(Server::close);
        servers.clear();
        if (broughtUp) {
            ScriptResult down = runScript(script, "down");
            if (down.exit() != 0) {
                throw new IllegalStateException(script + " down failed (" + down.exit() + "): " + down.output());
            }
        }
    }

    /** One HTTP server in the namespace. */
    public record Server(Process process, Path root, URI uri) implements AutoCloseable {

        /** What the host gets from it, directly (never through a proxy); null when it does not answer. */
        String fetchFromHost() {
            try {
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                try (InputStream in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } finally {
                    c.disconnect();
                }
            } catch (IOException notYet) {
                return null;
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    private record ScriptResult(int exit, String output) {}

    private static ScriptResult runScript(Path script, String command) {
        try {
            Process p = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " did not finish");
            }
            return new ScriptResult(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    /** {@code scripts/test-upstream.sh} of this checkout, found from the working directory upwards. */
    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/test-upstream.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/test-upstream.sh not found above " + Path.of("").toAbsolutePath());
    }
}
