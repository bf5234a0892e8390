package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
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
}
