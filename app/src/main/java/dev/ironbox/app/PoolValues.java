package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.PoolSettings;
import java.time.Duration;

/**
 * Reads the config file's {@code [pool]} values into the typed values {@link PoolSettings} takes, checked against
 * its own bounds (one place says what a pool may be). Each error is the problem only: the reader adds the key, the
 * file and the line.
 */
final class PoolValues {

    private PoolValues() {}

    /** 0..64. */
    static int size(long size) {
        return PoolSettings.builder().size(whole(size, "pool size")).build().size();
    }

    /** 1..64. */
    static int maxKeys(long keys) {
        return PoolSettings.builder().maxKeys(whole(keys, "pool max keys")).build().maxKeys();
    }

    /** {@code 30s}, {@code 5m}: 1s..24h. */
    static Duration maxIdleAge(String text) {
        Duration age = Durations.parsePositive("value", text);
        try {
            return PoolSettings.builder().maxIdleAge(age).build().maxIdleAge();
        } catch (InvalidConfigurationException e) {
            // its own message gives whole seconds ("got 0s" for 500ms): give the value as written
            throw new InvalidConfigurationException("pool max idle age must be between 1s and 24h, got '"
                    + text.strip() + "'", e);
        }
    }

    /** {@code value} as an int; beyond an int's range it is beyond every bound of a pool. */
    private static int whole(long value, String what) {
        if (value != (int) value) {
            throw new InvalidConfigurationException(what + " " + value + " is out of range");
        }
        return (int) value;
    }
}
