package dev.ironbox.core.run;

import java.util.Locale;
import java.util.OptionalInt;

/** Maps an engine's refusal to start a command onto the exit codes {@code docker run} uses: 127 and 126. */
final class StartFailures {

    static final int NOT_FOUND = 127;
    static final int NOT_EXECUTABLE = 126;

    private StartFailures() {}

    static OptionalInt exitCodeFor(String engineMessage) {
        String m = engineMessage == null ? "" : engineMessage.toLowerCase(Locale.ROOT);
        // only failures to exec the command itself; a mount or cgroup error that mentions a missing file stays an
        // engine failure (125)
        if (!m.contains("exec")) {
            return OptionalInt.empty();
        }
        if (m.contains("executable file not found") || m.contains("no such file or directory")) {
            return OptionalInt.of(NOT_FOUND);
        }
        if (m.contains("permission denied")) {
            return OptionalInt.of(NOT_EXECUTABLE);
        }
        return OptionalInt.empty();
    }
}
