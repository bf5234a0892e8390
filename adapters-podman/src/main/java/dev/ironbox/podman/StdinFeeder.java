package dev.ironbox.podman;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.enginestreams.UpgradedConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a caller's stream to an exec's standard input over its hijacked connection, on a daemon thread, then
 * half-closes the connection so the process reads end-of-file.
 *
 * <p>A write that fails is not an error of its own: the process ended without reading all its input, or the caller
 * gave up and closed the connection; the output and exit code tell what happened. A read of the caller's stream that
 * fails is: the connection is aborted (the process must not take a truncated input for a whole one) and
 * {@link #readFailure()} reports it.
 */
final class StdinFeeder {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Pattern UNREAD_INPUT_NOTE = Pattern.compile(
            "Error: (read|write) unixpacket \\S*/attach: \\1: (connection reset by peer|broken pipe)\n");
    private static final Logger LOG = LoggerFactory.getLogger(StdinFeeder.class);

    private final InputStream stdin;
    private final Background background;
    private volatile Exception readFailure;

    StdinFeeder(InputStream stdin, Background background) {
        this.stdin = stdin;
        this.background = background;
    }

    /** Starts feeding {@code connection}; returns its output, whose closing aborts the feeding too. */
    LibpodStream start(UpgradedConnection connection) {
        background.run(() -> feed(connection));
        return new LibpodStream(connection);
    }

    private void feed(UpgradedConnection connection) {
        byte[] buffer = new byte[BUFFER_BYTES];
        while (true) {
            int n;
            try {
                n = stdin.read(buffer);
            } catch (IOException | RuntimeException e) {
                readFailure = e; // set before the abort, so whoever sees the output end sees the failure
                connection.close();
                return;
            }
            if (n < 0) {
                break;
            }
            try {
                connection.input().write(buffer, 0, n);
            } catch (IOException e) {
                return;
            }
        }
        try {
            connection.closeInput();
        } catch (IOException e) {
            // the connection is already gone: nothing is left to tell the process
        }
    }

    /**
     * {@code sink} without the line Podman adds to the process's stderr when the process ends before reading all its
     * input ({@code Error: write unixpacket @->/proc/self/fd/16/attach: write: connection reset by peer}, or the
     * same with {@code read}, depending on which side of Podman's copy saw the reset first): that is
     * the engine's note, not the command's output. It arrives as one small frame of its own; only a chunk that is
     * exactly that line is dropped, and logged as a warning: its arrival means Podman may have cut the output.
     */
    static Consumer<OutputChunk> withoutUnreadInputNote(Consumer<OutputChunk> sink) {
        return chunk -> {
            if (chunk.stream() == StreamType.STDERR && chunk.bytes().length < 512
                    && UNREAD_INPUT_NOTE.matcher(new String(chunk.bytes(), StandardCharsets.UTF_8)).matches()) {
                // Podman ends the attach on this input error without waiting for the output relay (its
                // attachExecHTTP returns on the first error of either copy): output the process wrote just before
                // it ended can be missing. Ironbox cannot recover it, so it says so.
                LOG.warn("Podman cut the exec's stream because the process ended without reading all its input"
                        + " ({}); output written just before it ended may be missing", new String(chunk.bytes(),
                        StandardCharsets.UTF_8).strip());
                return;
            }
            sink.accept(chunk);
        };
    }

    /** Why reading the caller's stream failed, if it did. */
    Optional<Exception> readFailure() {
        return Optional.ofNullable(readFailure);
    }
}
