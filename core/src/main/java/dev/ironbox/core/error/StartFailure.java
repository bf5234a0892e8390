package dev.ironbox.core.error;

/**
 * Why an engine refused to start a container's command, as the adapter read it from its engine's own signals (the
 * runtime's start error, an error cause the engine defines). Core turns the first two into the exit codes a shell
 * and {@code docker run} use, 127 and 126, without reading any message text.
 */
public enum StartFailure {

    /** The command does not exist in the container (no such file, or not on {@code PATH}). */
    COMMAND_NOT_FOUND,

    /** The command exists but cannot be executed (no execute permission, a directory). */
    NOT_EXECUTABLE,

    /**
     * The container was not running when Ironbox turned to it (a warm sandbox that died while it waited): nothing of
     * the request reached it, so the command did not run and may run elsewhere.
     */
    NOT_RUNNING,

    /** Anything else: a mount, cgroup or engine failure, or a failure the adapter did not classify. */
    OTHER
}
