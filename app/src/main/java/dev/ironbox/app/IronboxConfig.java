package dev.ironbox.app;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the config file says. A key the file does not set is empty; a key's value has its {@link ConfigKey} type.
 *
 * @param file the file read, or empty when there is none
 * @param values the keys the file sets
 */
record IronboxConfig(Optional<Path> file, Map<ConfigKey, Object> values) {

    IronboxConfig {
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
    }

    /** No config file. */
    static IronboxConfig none() {
        return new IronboxConfig(Optional.empty(), Map.of());
    }

    /** {@code runtime}: a runtime id or {@code auto}. */
    Optional<String> runtime() {
        return Optional.ofNullable((String) values.get(ConfigKey.RUNTIME));
    }

    /** The file, for messages: {@code /home/me/.config/ironbox/config.toml}. */
    String source() {
        return file.map(Path::toString).orElse("no config file");
    }
}
