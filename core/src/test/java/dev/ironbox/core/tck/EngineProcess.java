package dev.ironbox.core.tck;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container engine's API process that a test starts, stops and starts again on a socket of its own (a second
 * {@code dockerd}, a second {@code podman system service}), so that restarting it disturbs neither the shared engines
 * nor the tests running on them. Engine-neutral: it starts a command line, waits until {@code GET /_ping} on its
 * socket answers 200 (both engines answer it), and stops it with SIGTERM, as {@code systemctl restart} does.
 * Output goes to a log file named in every failure. Needs root. {@link #close()} stops it and runs the engine's own
 * clean-up (e.g. removing its data directories).
 */
public final class EngineProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(60);

    private final List<String> command;
    private final Path socket;
    private final Path log;
    private final Runnable cleanUp;
    private volatile Process process;
    private Thread stopAtExit;

    /**
     * @param command the engine's command line; it listens on {@code socket}
     * @param cleanUp run by {@link #close()} after the process stopped (remove data directories and the like)
     */
    public EngineProcess(List<String> command, Path socket, Path log, Runnable cleanUp) {
        this.command = List.copyOf(command);
        this.socket = socket;
        this.log = log;
        this.cleanUp = cleanUp;
    }

    /** {@code unix://} + the socket. */
    public URI endpoint() {
        return URI.create("unix://" + socket);
    }

    /** Starts the process (from {@code /}) and waits until it answers a ping. Idempotent. */
    public synchronized void start() throws InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);
            process = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
        if (stopAtExit == null) {
            // a test JVM that ends without close() (a crash, a Ctrl-C) must not leave the engine running
            stopAtExit = new Thread(() -> {
                Process running = process;
                if (running != null) {
                    running.destroy();
                }
            }, "stop-" + command.get(0));
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " exited (" + process.exitValue()
                        + ") before it answered on " + socket + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(command.get(0) + " did not answer on " + socket + " within "
                        + START.toSeconds() + " s; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Stops the process with SIGTERM and waits until it has exited (SIGKILL after a minute). Idempotent. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        process = null;
    }

    /** Whether it runs (it may not answer yet). */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Whether {@code GET /_ping} on the socket answers 200 now. */
    public boolean answers() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            while (answer.hasRemaining() && channel.read(answer) > 0) {
                // the status line is all that is needed
            }
            String head = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.") && head.contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops it and cleans up after it. */
    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            cleanUp.run();
            if (stopAtExit != null) {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            }
        }
    }

    /** Runs a short host command (e.g. {@code rm -rf}) and fails when it does. */
    public static void runHost(String... command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}
