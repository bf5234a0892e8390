package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A runtime's own settings by its id, as it is connected with ({@code ContainerRuntimeProvider.create(settings)}):
 * the config files' {@code [<id>]} table, with the builder's {@code runtimeSettings} over it key by key.
 * Implementations are thread-safe and may read the files at each call.
 */
@FunctionalInterface
interface RuntimeSettingsLookup {

    /** No settings for any runtime. */
    RuntimeSettingsLookup NONE = id -> RuntimeSettings.NONE;

    /**
     * @throws dev.ironbox.core.error.InvalidConfigurationException when a config file is wrong, or an untrusted project
     *     file changes the table
     */
    RuntimeSettings of(String runtimeId);

    /** The config files' tables, with {@code given} (the builder's, for whichever runtime is chosen) over them. */
    static RuntimeSettingsLookup of(ConfigSource config, BuilderRuntimeSettings given) {
        return id -> over(config.load().runtimeSettings(id), given.settings());
    }

    /** {@code base} with {@code given}'s keys replacing its own. */
    static RuntimeSettings over(RuntimeSettings base, RuntimeSettings given) {
        if (given.isEmpty()) {
            return base;
        }
        Map<String, String> values = new LinkedHashMap<>(base.values());
        Map<String, String> sources = new LinkedHashMap<>(base.sources());
        given.values().forEach((key, value) -> {
            values.put(key, value);
            sources.remove(key);
            String source = given.sources().get(key);
            if (source != null) {
                sources.put(key, source);
            }
        });
        return new RuntimeSettings(values, sources);
    }
}
