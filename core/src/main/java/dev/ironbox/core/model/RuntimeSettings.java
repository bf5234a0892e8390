package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings one runtime takes beyond the common ones: the config file's table named after the runtime
 * ({@code [kubernetes]}) and what the Java builder gave, by key ({@code namespace}, {@code schedule-timeout}), each with
 * where it was set (for messages). The provider parses and checks the values; core passes them through unread.
 *
 * @param values the values by key, as written
 * @param sources where each key was set ({@code /home/me/.config/ironbox/config.toml:12}, {@code IronboxBuilder}); a
 *     key without one was set by the builder
 */
public record RuntimeSettings(Map<String, String> values, Map<String, String> sources) {

    /** No settings. */
    public static final RuntimeSettings NONE = new RuntimeSettings(Map.of(), Map.of());

    /** Copies both maps, keeping their order. */
    public RuntimeSettings {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
        sources = Map.copyOf(Objects.requireNonNull(sources, "sources"));
    }

    /** Settings given in code, with no file behind them. */
    public static RuntimeSettings of(Map<String, String> values) {
        return new RuntimeSettings(new LinkedHashMap<>(values), Map.of());
    }

    /** The value of {@code key}, when it was set. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Where {@code key} was set, for a message: {@code (set by FILE:LINE)}, or empty when it was not said. */
    public String sourceOf(String key) {
        String source = sources.get(key);
        return source == null ? "" : " (set by " + source + ")";
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * @throws InvalidConfigurationException naming the first key of {@code runtimeId}'s table that is not one of
     *     {@code known}, and the known ones
     */
    public void requireKnown(String runtimeId, Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidConfigurationException("unknown setting '" + key + "' for runtime " + runtimeId
                        + sourceOf(key) + "; it takes: " + (known.isEmpty() ? "none" : String.join(", ",
                        known.stream().sorted().toList())));
            }
        }
    }
}
