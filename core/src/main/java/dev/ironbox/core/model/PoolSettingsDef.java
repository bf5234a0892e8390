package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * The warm one-shot pool: sandboxes created and started ahead of the runs that will claim them, each used for one
 * command and then removed. Off unless {@link #size()} is above 0.
 */
@Value.Immutable
public abstract class PoolSettingsDef {

    /** The most warm sandboxes kept per key (runtime, image, policy, workspace, limits, network mode); 0: no pool. */
    @Value.Default
    public int size() {
        return 0;
    }

    /**
     * How long a warm sandbox waits for a command before it exits by itself (its shim's own deadline), so an unclaimed
     * one never outlives this by much, also when the process that made it died. Default 5 minutes.
     */
    @Value.Default
    public Duration maxIdleAge() {
        return Duration.ofMinutes(5);
    }

    /** The most keys kept warm at once; a new key displaces the one claimed longest ago. Default 4. */
    @Value.Default
    public int maxKeys() {
        return 4;
    }

    /** Whether the pool is on. */
    public boolean enabled() {
        return size() > 0;
    }

    /** A pool of {@code size} warm sandboxes per key, each waiting at most {@code maxIdleAge}. */
    public static PoolSettings of(int size, Duration maxIdleAge) {
        return PoolSettings.builder().size(size).maxIdleAge(maxIdleAge).build();
    }

    /** The pool that is off. */
    public static PoolSettings off() {
        return PoolSettings.builder().build();
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when the size is outside 0..64, the idle age outside 1 s..24 h, or the
     *     key count outside 1..64
     */
    @Value.Check
    protected void check() {
        if (size() < 0 || size() > 64) {
            throw new InvalidConfigurationException("pool size must be between 0 and 64, got " + size());
        }
        if (maxIdleAge().compareTo(Duration.ofSeconds(1)) < 0 || maxIdleAge().compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidConfigurationException(
                    "pool max idle age must be between 1s and 24h, got " + maxIdleAge().toSeconds() + "s");
        }
        if (maxKeys() < 1 || maxKeys() > 64) {
            throw new InvalidConfigurationException("pool max keys must be between 1 and 64, got " + maxKeys());
        }
    }
}
