package dev.ironbox.core.copy;

import dev.ironbox.core.concurrent.Interrupts;
import dev.ironbox.core.container.HardenedSpecs;
import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.out.ExecPort;
import dev.ironbox.core.run.ExecKiller;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One {@code tar} exec of a file copy: run as the container's own user (a session's: the sandbox user it was started
 * with, whichever process copies) through {@link ExecKiller}'s wrapper (so it can be killed, and the session's idle
 * watchdog sees it as activity), with its standard error kept for messages.
 */
final class CopyExec {

    /** Exit code of our own "no such path" check in the copy-out script; tar itself exits 1 or 2. */
    static final int NO_SUCH_PATH = 66;
    private static final int COMMAND_NOT_FOUND = 127;
    private static final int MAX_ERROR_BYTES = 4096;

    private final ExecPort exec;
    private final ContainerId container;
    private final String marker = ExecKiller.newMarker();
    private final ExecSpec spec;
    private final StringBuilder errors = new StringBuilder();

    CopyExec(ExecPort exec, ContainerId container, List<String> command) {
        this.exec = exec;
        this.container = container;
        this.spec = ExecSpec.builder()
                .command(ExecKiller.wrap(command))
                .env(Map.of(ExecKiller.MARKER_VARIABLE, marker))
                .user(HardenedSpecs.CONTAINER_USER)
                .workingDir("/")
                .build();
    }

    /**
     * Runs the command, feeding it {@code stdin} when not null and handing its standard output to {@code stdout}.
     * Kills it when interrupted or when {@code timeout} passes.
     *
     * @return the exit code
     * @throws ContainerFailureException when the engine cannot run it or it outlives {@code timeout}
     */
    int run(InputStream stdin, Consumer<byte[]> stdout, Duration timeout, String what) throws InterruptedException {
        Consumer<OutputChunk> sink = chunk -> {
            if (chunk.stream() == StreamType.STDOUT) {
                stdout.accept(chunk.bytes());
            } else {
                keepError(chunk.bytes());
            }
        };
        OptionalInt code;
        try {
            try {
                code = stdin == null ? exec.exec(container, spec, sink, timeout)
                        : exec.exec(container, spec, stdin, sink, timeout);
            } catch (IronboxException e) {
                throw Interrupts.asInterruptedIfSo(e);
            }
        } catch (InterruptedException e) {
            boolean interrupted = Thread.interrupted();
            kill();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        if (code.isEmpty()) {
            kill();
            throw new ContainerFailureException(what + " did not finish within " + timeout.toMinutes()
                    + " minutes and was stopped");
        }
        if (code.getAsInt() == COMMAND_NOT_FOUND) {
            throw new ContainerFailureException(what + " failed: the session's image has no sh or tar, which "
                    + "copying files needs (" + errors().strip() + ")");
        }
        return code.getAsInt();
    }

    /** Stops the command and everything it started; safe to call from any thread, more than once. */
    void kill() throws InterruptedException {
        ExecKiller.kill(exec, container, marker, HardenedSpecs.CONTAINER_USER);
    }

    /** What the command wrote to standard error (the first few KiB). */
    synchronized String errors() {
        return errors.toString();
    }

    private synchronized void keepError(byte[] bytes) {
        if (errors.length() < MAX_ERROR_BYTES) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            errors.append(text, 0, Math.min(text.length(), MAX_ERROR_BYTES - errors.length()));
        }
    }
}
