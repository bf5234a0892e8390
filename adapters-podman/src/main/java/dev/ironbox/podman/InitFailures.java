package dev.ironbox.podman;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Podman's init, catatonit, exits 1 when it cannot exec the command, where Docker's (tini) exits 127 for a command
 * that does not exist and 126 for one that cannot be executed, as a shell does. This reads catatonit's last words on
 * stderr, e.g. {@code ERROR (catatonit:6): failed to exec pid1: No such file or directory}, and gives the shell's code.
 * catatonit writes the prefix and the reason separately; the words arrive through the container's attach
 * ({@link StderrTails}), as Podman keeps no log of the output.
 */
final class InitFailures {

    static final int CATATONIT_EXEC_FAILED = 1;

    /**
     * The whole of stderr must be catatonit's message: a command that ran and printed the same words itself keeps
     * its own exit code.
     */
    private static final Pattern EXEC_FAILED = Pattern.compile("\\A\\s*(?:ERROR \\(catatonit:\\d+\\):\\s*)?"
            + "failed to exec pid1: (No such file or directory|Permission denied)\\s*\\z");

    private InitFailures() {}

    /** The shell's exit code for catatonit's exec failure in {@code stderr}, or empty when it holds none. */
    static OptionalInt exitCodeFor(String stderr) {
        Matcher m = EXEC_FAILED.matcher(stderr);
        return m.matches() ? OptionalInt.of(m.group(1).startsWith("No such") ? 127 : 126) : OptionalInt.empty();
    }

    /** Collects the stderr chunks of a container's output, bounded to the last few KiB. Thread-safe. */
    static final class StderrTail implements java.util.function.Consumer<OutputChunk> {

        private static final int KEEP = 4096;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void accept(OutputChunk chunk) {
            if (chunk.stream() != StreamType.STDERR) {
                return;
            }
            bytes.writeBytes(chunk.bytes());
            if (bytes.size() > 2 * KEEP) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - KEEP, KEEP);
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
