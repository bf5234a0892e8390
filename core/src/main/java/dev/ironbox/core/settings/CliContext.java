package dev.ironbox.core.settings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line reads from and writes to, passed in so tests can capture it.
 *
 * @param out where the command's standard output, JSON results, help and version go
 * @param err where the command's standard error and Ironbox's own error lines go
 * @param environment the environment variables ({@code IRONBOX_RUNTIME} picks the default runtime)
 * @param workingDirectory the default workspace, and what relative workspaces resolve against
 */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> environment, Path workingDirectory) {

    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        workingDirectory = workingDirectory.toAbsolutePath();
    }

    /** The process's own streams, environment and working directory. */
    public static CliContext system() {
        return new CliContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
    }
}
