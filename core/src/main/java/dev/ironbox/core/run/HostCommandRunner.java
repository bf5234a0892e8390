package dev.ironbox.core.run;

import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.workspace.WorkspaceGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * FullAccess: runs the command on the host itself, with the deadline, output budget and standard input of a sandboxed
 * run.
 */
public final class HostCommandRunner {

    private HostCommandRunner() {}

    /**
     * Runs {@code request} on the host when configuration allows it, as a result whose runtime is {@code host}.
     *
     * @throws PolicyRefusedException when {@code allowed} is false: nothing runs
     */
    public static RunResult runIfAllowed(RunRequest request, boolean allowed, Consumer<OutputChunk> live)
            throws InterruptedException {
        if (!allowed) {
            throw new PolicyRefusedException("policy full_access runs the command on the host without a sandbox; "
                    + "it is refused unless configuration explicitly allows it (allowFullAccess)");
        }
        Path workspace = WorkspaceGuard.check(request.workspace(), request.policy(),
                EngineInfo.basic("host", "", "", "", Optional.empty()));
        OutputCapture capture = new OutputCapture(request.limits().maxOutputBytes());
        long started = System.nanoTime();
        Outcome outcome = run(request, workspace, new LiveOutput(capture, live));
        return Results.of(capture, outcome.exitCode(), outcome.timedOut(), false, started, "host", request.image(),
                request.policy());
    }

    /** Runs the command to its end or its deadline, whichever comes first. */
    static Outcome run(RunRequest request, Path workspace, Consumer<OutputChunk> sink) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(request.command()).directory(workspace.toFile());
        builder.environment().putAll(request.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String message = "ironbox: cannot run " + request.command().get(0) + ": " + e.getMessage() + "\n";
            sink.accept(new OutputChunk(StreamType.STDERR, message.getBytes(StandardCharsets.UTF_8)));
            int code = StartFailures.forHostCommand(request.command().get(0), workspace);
            return new Outcome(code, false);
        }
        feed(process.getOutputStream(), request.stdin());
        Thread out = pump(process.getInputStream(), StreamType.STDOUT, sink);
        Thread err = pump(process.getErrorStream(), StreamType.STDERR, sink);
        try {
            boolean finished = process.waitFor(request.limits().timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                destroyTree(process);
            }
            int code = process.waitFor();
            out.join(5000);
            err.join(5000);
            return new Outcome(code, !finished);
        } catch (InterruptedException e) {
            destroyTree(process);
            throw e;
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Writes the run's input to the process, then closes it, so the process reads end-of-file (at once when there is
     * none), on a thread of its own: a process that writes while it reads must not stall on output nobody reads.
     */
    private static void feed(OutputStream stdin, byte[] input) {
        if (input.length == 0) {
            close(stdin);
            return;
        }
        Thread thread = new Thread(() -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException ignored) {
                // the process ended without reading it all: its output and exit code tell
            }
        }, "ironbox-host-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the process already ended: nothing is left to tell it
        }
    }

    private static Thread pump(InputStream in, StreamType stream, Consumer<OutputChunk> sink) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink.accept(new OutputChunk(stream, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // the process ended or was killed; what was read is kept
            }
        }, "ironbox-host-" + stream.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    record Outcome(int exitCode, boolean timedOut) {}
}
