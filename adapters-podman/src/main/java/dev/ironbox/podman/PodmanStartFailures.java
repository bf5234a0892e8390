package dev.ironbox.podman;

import dev.ironbox.core.error.StartFailure;

/**
 * Classifies Podman's refusal to start a container's command by the error {@code cause} libpod answers with, its own
 * typed errors ({@code define.ErrOCIRuntimeNotFound}, {@code define.ErrOCIRuntimePermissionDenied}): the ones
 * {@code podman run} itself turns into 127 and 126. A container with an init (catatonit) starts whatever its command;
 * catatonit's failure to exec it is an exit status, read by {@link InitFailures}.
 */
final class PodmanStartFailures {

    /** libpod's {@code define.ErrOCIRuntimeNotFound}. */
    static final String NOT_FOUND_CAUSE = "OCI runtime attempted to invoke a command that was not found";
    /** libpod's {@code define.ErrOCIRuntimePermissionDenied}. */
    static final String PERMISSION_DENIED_CAUSE = "OCI permission denied";

    private PodmanStartFailures() {}

    static StartFailure classify(Throwable e) {
        if (!(e instanceof LibpodException libpod) || libpod.status() == 0) {
            return StartFailure.OTHER;
        }
        return switch (libpod.engineCause()) {
            case NOT_FOUND_CAUSE -> StartFailure.COMMAND_NOT_FOUND;
            case PERMISSION_DENIED_CAUSE -> StartFailure.NOT_EXECUTABLE;
            default -> StartFailure.OTHER;
        };
    }
}
