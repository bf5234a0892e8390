package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.time.Duration;
import org.immutables.value.Value;

/** What one sandboxed command may consume. Defaults follow the seed, plus a pids limit it lacked. */
@Value.Immutable
public abstract class ResourceLimitsDef {

    /** Docker refuses memory limits below 6 MiB; say so before the engine does. */
    static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;

    static final double MIN_CPUS = 0.01;

    /** The budget is held in memory (head and tail buffers per stream), so it is capped. */
    static final long MAX_OUTPUT_BYTES = 64L * 1024 * 1024;

    /** Memory limit; swap is pinned to the same value so there is no extra swap. Default 2 GiB. */
    @Value.Default
    public long memoryBytes() {
        return 2L * 1024 * 1024 * 1024;
    }

    /** CPU limit in cores (fractions allowed). Default 1. */
    @Value.Default
    public double cpus() {
        return 1.0;
    }

    /** Maximum number of processes and threads. Default 512: a fork bomb stops there. */
    @Value.Default
    public long pidsLimit() {
        return 512;
    }

    /** Wall-clock deadline; at it the whole container is killed. Default 120 s. */
    @Value.Default
    public Duration timeout() {
        return Duration.ofSeconds(120);
    }

    /** Bytes of stdout plus stderr kept in the result. Default 64 KiB. */
    @Value.Default
    public long maxOutputBytes() {
        return 64L * 1024;
    }

    /** Size of the writable tmpfs mounted at /tmp. Default 512 MiB. */
    @Value.Default
    public long tmpfsBytes() {
        return 512L * 1024 * 1024;
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException naming the limit that is out of range (memory under 6 MiB, cpus under
     *     0.01, a non-positive pids limit, timeout or tmpfs size, an output budget outside 1 byte to 64 MiB)
     */
    @Value.Check
    protected void check() {
        require(memoryBytes() >= MIN_MEMORY_BYTES, "memory must be at least 6m, got " + memoryBytes() + " bytes");
        // below 0.01 the engines round the quota to 0, which they read as "no limit"
        require(cpus() >= MIN_CPUS && Double.isFinite(cpus()), "cpus must be at least 0.01, got " + cpus());
        require(pidsLimit() > 0, "pids must be a positive number, got " + pidsLimit());
        require(!timeout().isNegative() && !timeout().isZero(), "timeout must be positive, got " + timeout());
        require(maxOutputBytes() > 0 && maxOutputBytes() <= MAX_OUTPUT_BYTES,
                "max output must be between 1 byte and 64m, got " + maxOutputBytes());
        require(tmpfsBytes() > 0, "tmpfs size must be positive, got " + tmpfsBytes());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidConfigurationException("invalid limits: " + message);
        }
    }
}
