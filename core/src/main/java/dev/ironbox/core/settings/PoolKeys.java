package dev.ironbox.core.settings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.PoolSettings;

/**
 * The warm one-shot pool's settings ({@link SettingKey#POOL_KEYS}: {@code pool.size}, {@code pool.max-idle-age},
 * {@code pool.max-keys}) as {@link Precedence} decides them, and back: the config file's {@code [pool]} table under
 * the Java builder's {@code pool(...)} call. No flag and no environment variable set them.
 */
public final class PoolKeys {

    private PoolKeys() {}

    /**
     * The effective pool of {@code settings}: each key from the highest source that sets it, else its built-in
     * default (off).
     *
     * @throws InvalidConfigurationException when the values do not make a pool ({@link PoolSettings}' own check)
     * @throws RuntimeException the refusal of a withheld file value (an untrusted project file's pool)
     */
    public static PoolSettings of(Precedence settings) {
        return PoolSettings.builder()
                .size(settings.value(SettingKey.POOL_SIZE))
                .maxIdleAge(settings.value(SettingKey.POOL_MAX_IDLE_AGE))
                .maxKeys(settings.value(SettingKey.POOL_MAX_KEYS))
                .build();
    }

    /**
     * {@code pool} as one source's settings: all three keys, so a source that gives a pool (the Java builder's call)
     * replaces the lower sources' {@code [pool]} table as a whole rather than mixing with it.
     */
    public static SettingsLayer layer(PoolSettings pool, SettingSource source) {
        return SettingsLayer.empty()
                .with(SettingKey.POOL_SIZE, pool.size(), source)
                .with(SettingKey.POOL_MAX_IDLE_AGE, pool.maxIdleAge(), source)
                .with(SettingKey.POOL_MAX_KEYS, pool.maxKeys(), source);
    }
}
