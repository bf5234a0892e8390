package dev.ironbox.app.egress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The network namespace of {@code scripts/test-upstream.sh}, the same as core's test-jar
 * {@code dev.ironbox.core.tck.UpstreamNamespace} (which app's tests do not have on their class path): host
 * 10.203.0.1, the namespace {@value #ADDRESS}. {@link #open()} brings it up unless it is; {@link #close()} takes it
 * down only if this brought it up. Needs root.
 */
public final class UpstreamNetns implements AutoCloseable {

    public static final String NAMESPACE = "ironbox-upstream";
    public static final String ADDRESS = "10.203.0.2";

    private final Path script;

    /** {@value #ADDRESS}. */
    public static java.net.InetAddress address() {
        try {
            return java.net.InetAddress.getByName(ADDRESS);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private final boolean broughtUp;

    private UpstreamNetns(Path script, boolean broughtUp) {
        this.script = script;
        this.broughtUp = broughtUp;
    }

    public static UpstreamNetns open() {
        Path script = findScript();
        boolean wasUp = run(script, "status") == 0;
        if (!wasUp && run(script, "up") != 0) {
            throw new IllegalStateException(script + " up failed (needs root and iproute2)");
        }
        return new UpstreamNetns(script, !wasUp);
    }

    @Override
    public void close() {
        if (broughtUp && run(script, "down") != 0) {
            throw new IllegalStateException(script + " down failed");
        }
    }

    private static int run(Path script, String command) {
        try {
            Process p = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " did not finish");
            }
            if (p.exitValue() != 0 && !command.equals("status")) {
                System.err.println(out);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

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
