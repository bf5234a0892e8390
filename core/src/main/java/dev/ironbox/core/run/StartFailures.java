package dev.ironbox.core.run;

import dev.ironbox.core.error.StartFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Maps a command that could not start onto the exit codes a shell and {@code docker run} use: 127 and 126. The
 * adapters classify their engine's refusal ({@link StartFailure}); no message text is read here.
 */
final class StartFailures {

    static final int NOT_FOUND = 127;
    static final int NOT_EXECUTABLE = 126;

    private StartFailures() {}

    /** The exit code for a failed start, or empty when the failure is not the command's (it stays an error). */
    static OptionalInt exitCodeFor(StartFailure failure) {
        return switch (failure) {
            case COMMAND_NOT_FOUND -> OptionalInt.of(NOT_FOUND);
            case NOT_EXECUTABLE -> OptionalInt.of(NOT_EXECUTABLE);
            case NOT_RUNNING, OTHER -> OptionalInt.empty();
        };
    }

    /**
     * The exit code for a host command the JDK could not start: 126 when it names a file that exists but cannot be
     * executed (checked on the file, not in the JDK's message), else 127.
     */
    static int forHostCommand(String command, Path workspace) {
        if (command.indexOf('/') < 0) {
            return NOT_FOUND; // looked up on PATH, where it was not found as an executable
        }
        Path file = workspace.resolve(command);
        return Files.exists(file) && (Files.isDirectory(file) || !Files.isExecutable(file)) ? NOT_EXECUTABLE
                : NOT_FOUND;
    }
}
