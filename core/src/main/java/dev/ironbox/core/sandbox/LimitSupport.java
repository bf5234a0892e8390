package dev.ironbox.core.sandbox;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.LimitKind;
import dev.ironbox.core.model.ResourceLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that decides whether a sandbox's limits can hold, on every runtime alike: every sandboxed run has
 * memory, CPU and pids limits (an engine that cannot apply one is refused, not trusted), and no limit may ask for
 * more than the engine's machine has or than still means a limit. Checked before anything is created, with the same
 * message whichever engine runs it.
 */
final class LimitSupport {

    /**
     * The kernel's default {@code pid_max}: with a higher pids limit a fork bomb exhausts the host's process ids before
     * it reaches its limit, so the limit would hold nothing back.
     */
    static final long MAX_PIDS = 32_768;

    /** A deadline further off than a day is not one for a command run on someone's behalf. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private static final long DEFAULT_MEMORY_BYTES = ResourceLimits.builder().build().memoryBytes();

    private LimitSupport() {}

    static void requireAll(EngineInfo engine) {
        Set<LimitKind> missing = EnumSet.allOf(LimitKind.class);
        missing.removeAll(engine.enforceableLimits());
        if (!missing.isEmpty()) {
            String names = missing.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new ContainerFailureException("the " + engine.runtimeId() + " engine at " + engine.endpoint()
                    + " cannot enforce the " + names + " limit" + (missing.size() > 1 ? "s" : "")
                    + (engine.rootless() ? " (rootless, cgroups v" + engine.cgroupVersion() + ")" : "")
                    + "; Ironbox does not run a sandbox without its limits. Use a rootful engine or cgroups v2 "
                    + "with the controllers delegated");
        }
    }

    /**
     * Refuses limits the engine's machine cannot give or that no longer limit: more CPUs than it has, more memory
     * than it has (the default 2 GiB stays allowed on a smaller machine), more than {@link #MAX_PIDS} processes, a
     * timeout over {@link #MAX_TIMEOUT}. A capacity the engine does not report is not checked.
     *
     * @throws InvalidConfigurationException naming the limit, the most it may be, and why
     */
    static void requireWithin(ResourceLimits limits, EngineInfo engine) {
        engine.capacity().cpus().ifPresent(cpus -> {
            if (limits.cpus() > cpus) {
                throw invalid("cpus must be at most " + cpus + ", the number of CPUs the engine has; got "
                        + decimal(limits.cpus()));
            }
        });
        engine.capacity().memoryBytes().ifPresent(total -> {
            if (limits.memoryBytes() > Math.max(total, DEFAULT_MEMORY_BYTES)) {
                throw invalid("memory must be at most " + size(total) + ", the memory of the engine's machine; got "
                        + size(limits.memoryBytes()));
            }
        });
        if (limits.pidsLimit() > MAX_PIDS) {
            throw invalid("pids must be at most " + MAX_PIDS + " (the kernel's default pid_max: above it a fork "
                    + "bomb runs the host out of process ids before it reaches the limit); got " + limits.pidsLimit());
        }
        requireTimeoutWithin(limits.timeout());
    }

    /** @throws InvalidConfigurationException when {@code timeout} is over {@link #MAX_TIMEOUT} */
    static void requireTimeoutWithin(Duration timeout) {
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid("timeout must be at most " + duration(MAX_TIMEOUT) + "; got " + duration(timeout));
        }
    }

    private static InvalidConfigurationException invalid(String message) {
        return new InvalidConfigurationException("invalid limits: " + message);
    }

    /** {@code 2}, {@code 0.5}: as a user writes it. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code 23.5g (25276157952 bytes)}, {@code 512m}: binary units, as {@code --memory} takes them. */
    static String size(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes >= unit) {
                String amount = decimal(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 1,
                        java.math.RoundingMode.DOWN).doubleValue());
                return bytes % unit == 0 ? amount + units[i] : amount + units[i] + " (" + bytes + " bytes)";
            }
        }
        return bytes + " bytes";
    }

    /** {@code 24h}, {@code 90m}, {@code 1500ms}: the largest unit that divides it, as {@code --timeout} takes it. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
