package dev.ironbox.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import dev.ironbox.core.error.StartFailure;
import java.util.regex.Pattern;

/**
 * Classifies Docker's refusal to start a container's command. Two signals of the engine, both needed: the daemon
 * answers 400 (it took the failure for the container's configuration, not its own), and runc's start error names the
 * command it could not exec, {@code exec: "nope": executable file not found in $PATH}. A mount that fails with "no
 * such file or directory" or "not a directory" is also a 400, but runc's words for it are not an exec's: it stays
 * {@link StartFailure#OTHER} (an engine failure, 125).
 */
final class DockerStartFailures {

    /** runc's {@code &os.PathError{Op: "exec", Path: %q, Err}}, with Go's quoting of the path. */
    private static final Pattern EXEC_FAILED = Pattern.compile(
            "exec: \"(?:[^\"\\\\]|\\\\.)*\": (executable file not found|no such file or directory|permission denied)",
            Pattern.CASE_INSENSITIVE);

    private DockerStartFailures() {}

    static StartFailure classify(Throwable e) {
        if (!(e instanceof BadRequestException)) {
            return StartFailure.OTHER;
        }
        var exec = EXEC_FAILED.matcher(DockerErrors.engineMessage(e));
        if (!exec.find()) {
            return StartFailure.OTHER;
        }
        return exec.group(1).equalsIgnoreCase("permission denied") ? StartFailure.NOT_EXECUTABLE
                : StartFailure.COMMAND_NOT_FOUND;
    }
}
