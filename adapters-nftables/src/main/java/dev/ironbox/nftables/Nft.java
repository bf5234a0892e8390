package dev.ironbox.nftables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nft} command: a script on its standard input, its answer and exit code. nftables has no Java binding, and
 * {@code nft -f} applies a whole script as one transaction, which is what keeps concurrent Ironbox processes from
 * seeing half a rule set.
 */
final class Nft {

    /** Where nft lives when the process's PATH lacks the sbin directories (a service started with a short PATH). */
    private static final List<String> FALLBACK_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_ANSWER = 1 << 20;

    /** What nft said. */
    record Answer(int exitCode, String out, String err) {

        boolean ok() {
            return exitCode == 0;
        }

        /** The first line of what went wrong, for a message. */
        String problem() {
            String text = err.isBlank() ? out : err;
            String line = text.strip().lines().findFirst().orElse("exit code " + exitCode);
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
    }

    private final Path binary;

    private Nft(Path binary) {
        this.binary = binary;
    }

    /** The nft on PATH (or in an sbin directory); empty when there is none. */
    static Optional<Nft> find() {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(":")));
        }
        directories.addAll(FALLBACK_DIRECTORIES);
        return directories.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "nft"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Nft::new);
    }

    Path binary() {
        return binary;
    }

    /** Runs {@code nft -f -} on {@code script}: one transaction. */
    Answer script(String script) {
        return run(List.of(binary.toString(), "-f", "-"), script);
    }

    /** Runs {@code nft ARGS...}. */
    Answer command(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        return run(command, "");
    }

    private static Answer run(List<String> command, String input) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new Answer(-1, "", "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        boolean interrupted = Thread.interrupted(); // a firewall change must finish, or its undo would be lost
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // nft exited early; its answer says why
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                try {
                    if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        process.destroyForcibly();
                        return new Answer(-1, "", "nft did not answer in " + TIMEOUT_SECONDS + " s");
                    }
                    return new Answer(process.exitValue(), out.join(), err.join());
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: restored below
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                if (bytes.size() < MAX_ANSWER) {
                    bytes.write(buffer, 0, Math.min(n, MAX_ANSWER - bytes.size()));
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
