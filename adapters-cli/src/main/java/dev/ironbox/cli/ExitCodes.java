package dev.ironbox.cli;

import dev.ironbox.core.model.RunResult;

/** The process exit codes of {@code ironbox}, following {@code timeout(1)} and the shell's conventions. */
public final class ExitCodes {

    /** The command (or a help or version request) succeeded. */
    public static final int OK = 0;

    /** The command passed its deadline and was killed. */
    public static final int TIMEOUT = 124;

    /** Ironbox itself failed: bad input, a refused policy, or an engine failure. */
    public static final int IRONBOX_FAILURE = 125;

    /** The command exists but cannot be executed (it is the command's own exit code, passed through). */
    public static final int NOT_EXECUTABLE = 126;

    /** The command does not exist (it is the command's own exit code, passed through). */
    public static final int NOT_FOUND = 127;

    private ExitCodes() {}

    /** {@link #TIMEOUT} when the command timed out, otherwise the command's own exit code. */
    public static int of(RunResult result) {
        return result.timedOut() ? TIMEOUT : result.exitCode();
    }
}
