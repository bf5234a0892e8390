package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime settings the embedding code gave ({@link IronboxBuilder#runtimeSettings}), for whichever runtime is
 * chosen; they win over the config files' table key by key.
 *
 * @param settings the settings; none from the command line
 */
record BuilderRuntimeSettings(RuntimeSettings settings) {

    static final BuilderRuntimeSettings NONE = new BuilderRuntimeSettings(RuntimeSettings.NONE);

    BuilderRuntimeSettings {
        Objects.requireNonNull(settings, "settings");
    }

    /** {@code values} as the builder's, each key's source saying so (for messages). */
    static BuilderRuntimeSettings of(Map<String, String> values) {
        Map<String, String> sources = new LinkedHashMap<>();
        values.keySet().forEach(key -> sources.put(key, "IronboxBuilder.runtimeSettings"));
        return new BuilderRuntimeSettings(new RuntimeSettings(values, sources));
    }
}
