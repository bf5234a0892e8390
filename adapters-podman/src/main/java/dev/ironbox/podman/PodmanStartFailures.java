package dev.ironbox.podman;

import dev.ironbox.core.error.StartFailure;
import java.util.regex.Pattern;

/**
 * Classifies Podman's refusal to start a container's command by the error {@code cause} libpod answers with, its own
 * typed errors ({@code define.ErrOCIRuntimeNotFound}, {@code define.ErrOCIRuntimePermissionDenied}): the ones
 * {@code podman run} itself turns into 127 and 126. A container with an init (catatonit) starts whatever its command;
 * catatonit's failure to exec it is an exit status, read by {@link InitFailures}.
 *
 * <p>libpod assigns those causes by matching any OCI runtime message ("no such file or directory", "permission
 * denied"), so a missing bind-mount source or an EPERM during set-up gets them too. Such a failure is the engine's,
 * not the command's (125): the cause counts only together with the runtime's own words for a failed exec of the
 * command (runc: {@code exec: "CMD": ...}; crun: {@code executable file `CMD` not found}, {@code open executable}).
 */
final class PodmanStartFailures {

    /** libpod's {@code define.ErrOCIRuntimeNotFound}. */
    static final String NOT_FOUND_CAUSE = "OCI runtime attempted to invoke a command that was not found";
    /** libpod's {@code define.ErrOCIRuntimePermissionDenied}. */
    static final String PERMISSION_DENIED_CAUSE = "OCI permission denied";

    /** runc's and crun's words for a failed exec of the container's command, and nothing else they report. */
    private static final Pattern EXEC_OF_THE_COMMAND = Pattern.compile(
            "exec: \"[^\"]*\": |executable file `[^`]*` not found|open executable: ");

    private PodmanStartFailures() {}

    static StartFailure classify(Throwable e) {
        if (!(e instanceof LibpodException libpod) || libpod.status() == 0
                || !EXEC_OF_THE_COMMAND.matcher(String.valueOf(libpod.getMessage())).find()) {
            return StartFailure.OTHER;
        }
        return switch (libpod.engineCause()) {
            case NOT_FOUND_CAUSE -> StartFailure.COMMAND_NOT_FOUND;
            case PERMISSION_DENIED_CAUSE -> StartFailure.NOT_EXECUTABLE;
            default -> StartFailure.OTHER;
        };
    }
}
