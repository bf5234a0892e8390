package dev.ironbox.app;

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
 */
record ConfigFileContent(ConfigFile file, String sha256, Map<ConfigKey, Setting<?>> values) {

    ConfigFileContent {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
    }
}
