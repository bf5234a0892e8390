package dev.ironbox.core.copy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.run.ExecKiller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An {@link ExecPort} whose "container" is the host: it really runs the command with the host's {@code sh} and the
 * chosen {@code tar} (GNU tar, or busybox's through a PATH entry), feeding standard input and delivering output in
 * chunks as an engine does. Container paths are host paths, so tests point them into temporary directories.
 */
final class HostShellExec implements ExecPort {

    /** Which tar the commands find first on their PATH. */
    enum Tar { GNU, BUSYBOX, NONE }

    final List<ExecSpec> execs = new CopyOnWriteArrayList<>();
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final String path;

    HostShellExec(Tar tar, Path scratch) throws IOException {
        String hostPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        switch (tar) {
            case GNU -> path = hostPath;
            case BUSYBOX -> {
                Path bin = Files.createDirectories(scratch.resolve("busybox-bin"));
                Files.createSymbolicLink(bin.resolve("tar"), Path.of("/bin/busybox"));
                path = bin + ":" + hostPath;
            }
            default -> path = Files.createDirectories(scratch.resolve("empty-bin")).toString();
        }
    }

    /** Whether any exec was the kill script (an aborted copy must stop its tar). */
    boolean killed() {
        return execs.stream().anyMatch(spec -> spec.command().contains("ironbox-exec-killer"));
    }

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, Consumer<OutputChunk> sink, Duration timeout)
            throws InterruptedException {
        return exec(id, spec, null, sink, timeout);
    }

    @Override
    public OptionalInt exec(ContainerId id, ExecSpec spec, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        execs.add(spec);
        if (spec.command().contains("ironbox-exec-killer")) {
            // Running the kill script on the host would scan every host process; do what it does to our own.
            Process target = running.get(spec.command().get(spec.command().size() - 1));
            if (target != null) {
                target.descendants().forEach(ProcessHandle::destroyForcibly);
                target.destroyForcibly();
            }
            return OptionalInt.of(0);
        }
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(Path.of(spec.workingDir()).toFile());
        builder.environment().putAll(spec.env());
        builder.environment().put("PATH", path);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ContainerFailureException("cannot start " + spec.command(), e);
        }
        String marker = spec.env().get(ExecKiller.MARKER_VARIABLE);
        if (marker != null) {
            running.put(marker, process);
        }
        try {
            return await(process, stdin, sink, timeout);
        } finally {
            if (marker != null) {
                running.remove(marker);
                // the wrapper's pid file, written to the host's /tmp here
                try {
                    Files.deleteIfExists(Path.of("/tmp/.ironbox-exec-" + marker));
                } catch (IOException e) {
                    // left in /tmp; harmless
                }
            }
        }
    }

    private static OptionalInt await(Process process, InputStream stdin, Consumer<OutputChunk> sink,
            Duration timeout) throws InterruptedException {
        Thread feeder = daemon(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    stdin.transferTo(in);
                }
            } catch (IOException e) {
                // the process stopped reading; an engine just drops the rest too
            }
        });
        Thread out = daemon(() -> pump(process.getInputStream(), StreamType.STDOUT, sink));
        Thread err = daemon(() -> pump(process.getErrorStream(), StreamType.STDERR, sink));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        out.join();
        err.join();
        feeder.join(1000);
        return OptionalInt.of(process.exitValue());
    }

    private static void pump(InputStream stream, StreamType type, Consumer<OutputChunk> sink) {
        byte[] buffer = new byte[8192];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                sink.accept(new OutputChunk(type, java.util.Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // process gone
        }
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "host-shell-exec");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
