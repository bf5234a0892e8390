package dev.ironbox.cli;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The built-in defaults of the options, taken from core's own defaults and spelled as the flags take them, so help and
 * {@code config show} show what really applies. The runtime has none here: when {@code --runtime} is not given,
 * configuration picks it ({@link dev.ironbox.core.port.in.SelectRuntimeUseCase}).
 */
final class RunDefaults {

    private static final ResourceLimits LIMITS = ResourceLimits.builder().build();

    private RunDefaults() {}

    /**
     * The default of {@code option} ({@code --timeout}); the workspace's is {@code workingDirectory}.
     *
     * @throws IllegalArgumentException for an option without a built-in default
     */
    static String of(String option, Path workingDirectory) {
        return switch (option) {
            case "--policy" -> SandboxPolicy.READ_ONLY.cliName();
            case "--allow-full-access" -> "false";
            case "--workspace" -> workingDirectory.toString();
            case "--image" -> SandboxSettings.DEFAULT_IMAGE;
            case "--timeout" -> duration(LIMITS.timeout());
            case "--memory" -> bytes(LIMITS.memoryBytes());
            case "--cpus" -> cpus(LIMITS.cpus());
            case "--pids" -> Long.toString(LIMITS.pidsLimit());
            case "--max-output" -> bytes(LIMITS.maxOutputBytes());
            case "--ttl" -> duration(SessionRequest.DEFAULT_IDLE_TTL);
            case "--max-lifetime" -> duration(SessionRequest.DEFAULT_MAX_LIFETIME); // or the TTL when longer
            default -> throw new IllegalArgumentException("no default for " + option);
        };
    }

    /** The largest exact unit: {@code 2g}, {@code 64k}, {@code 1000}. */
    static String bytes(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * {@code 2h}, {@code 30m}, {@code 120s}, {@code 500ms}: what Durations.parsePositive reads; minutes only from 10
     * minutes up, so a run's 120s reads as people say it.
     */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis >= 600_000) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? Long.toString((long) cpus) : Double.toString(cpus);
    }
}
