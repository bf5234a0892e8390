package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.settings.Setting;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One config file as read: the SHA-256 of the very bytes that were parsed (so the content a person trusted is the
 * content that applies, whatever the file holds a moment later) and the values of the keys it sets.
 *
 * @param file the file and how it was found
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 * @param values its keys' values, typed ({@link ConfigKey#read})
 * @param runtimeTables the tables named after an installed runtime ({@code [kubernetes]}), by runtime id: values as
 *     written, each key's source naming the file and line; the runtime's provider checks the values
 */
record ConfigFileContent(ConfigFile file, String sha256, Map<ConfigKey, Setting<?>> values,
        Map<String, RuntimeSettings> runtimeTables) {

    ConfigFileContent {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
        runtimeTables = Map.copyOf(runtimeTables);
    }

    /** Without runtime tables. */
    ConfigFileContent(ConfigFile file, String sha256, Map<ConfigKey, Setting<?>> values) {
        this(file, sha256, values, Map.of());
    }
}
