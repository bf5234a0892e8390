package dev.ironbox.cli;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import java.time.Duration;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of {@code ironbox run}, taken from core's own defaults, so help shows what really applies. The runtime has
 * none here: when {@code --runtime} is not given, configuration picks it ({@link
 * dev.ironbox.core.port.in.SelectRuntimeUseCase}).
 */
final class RunDefaults implements IDefaultValueProvider {

    private final CliContext context;
    private final ResourceLimits limits = ResourceLimits.builder().build();

    RunDefaults(CliContext context) {
        this.context = context;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--policy" -> SandboxPolicy.READ_ONLY.cliName();
            case "--workspace" -> context.workingDirectory().toString();
            case "--image" -> SandboxSettings.DEFAULT_IMAGE;
            case "--timeout" -> duration(limits.timeout());
            case "--memory" -> bytes(limits.memoryBytes());
            case "--cpus" -> cpus(limits.cpus());
            case "--pids" -> Long.toString(limits.pidsLimit());
            case "--max-output" -> bytes(limits.maxOutputBytes());
            default -> null;
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

    /** {@code 2h}, {@code 120s}, {@code 500ms}: the largest exact unit Durations.parsePositive reads. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
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
