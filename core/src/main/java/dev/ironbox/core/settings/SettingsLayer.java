package dev.ironbox.core.settings;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The typed settings one source gives (the config files, the environment, the flags, the Java builder), each with
 * its text and source. A key can also be <em>withheld</em>: a value the source has but may not apply (an untrusted
 * project file's), which refuses when asked for, so that a run that would use it is told why instead of silently
 * getting other settings, while one that overrides it (a flag) goes on. Immutable.
 */
public final class SettingsLayer {

    private static final SettingsLayer EMPTY = new SettingsLayer(Map.of(), Map.of());

    private final Map<SettingKey<?>, Setting<?>> settings;
    private final Map<SettingKey<?>, Supplier<? extends RuntimeException>> withheld;

    private SettingsLayer(Map<SettingKey<?>, Setting<?>> settings,
            Map<SettingKey<?>, Supplier<? extends RuntimeException>> withheld) {
        this.settings = settings;
        this.withheld = withheld;
    }

    /** A source that sets nothing. */
    public static SettingsLayer empty() {
        return EMPTY;
    }

    public static SettingsLayer of(Collection<? extends Setting<?>> settings) {
        SettingsLayer layer = EMPTY;
        for (Setting<?> setting : settings) {
            layer = layer.with(setting);
        }
        return layer;
    }

    /** This layer with {@code setting} (replacing one for its key). */
    public SettingsLayer with(Setting<?> setting) {
        Map<SettingKey<?>, Setting<?>> copy = new LinkedHashMap<>(settings);
        copy.put(setting.key(), setting);
        Map<SettingKey<?>, Supplier<? extends RuntimeException>> refusals = new LinkedHashMap<>(withheld);
        refusals.remove(setting.key());
        return new SettingsLayer(Map.copyOf(copy), Map.copyOf(refusals));
    }

    /** This layer with {@code value} for {@code key}, when there is one (a flag not given is null). */
    public <T> SettingsLayer with(SettingKey<T> key, T value, String text, SettingSource source) {
        return value == null ? this : with(new Setting<>(key, value, text, source));
    }

    /** This layer with {@code value}, spelled as its key spells values, when there is one. */
    public <T> SettingsLayer with(SettingKey<T> key, T value, SettingSource source) {
        return value == null ? this : with(Setting.of(key, value, source));
    }

    /** This layer with {@code key} withheld: asking for it throws {@code refusal}'s exception. */
    public SettingsLayer withholding(SettingKey<?> key, Supplier<? extends RuntimeException> refusal) {
        Map<SettingKey<?>, Setting<?>> copy = new LinkedHashMap<>(settings);
        copy.remove(key);
        Map<SettingKey<?>, Supplier<? extends RuntimeException>> refusals = new LinkedHashMap<>(withheld);
        refusals.put(key, refusal);
        return new SettingsLayer(Map.copyOf(copy), Map.copyOf(refusals));
    }

    /**
     * {@code key}'s setting in this source, or empty when it sets none.
     *
     * @throws RuntimeException the refusal of a withheld key
     */
    @SuppressWarnings("unchecked") // with() keeps each setting under its own key
    public <T> Optional<Setting<T>> get(SettingKey<T> key) {
        Supplier<? extends RuntimeException> refusal = withheld.get(key);
        if (refusal != null) {
            throw refusal.get();
        }
        return Optional.ofNullable((Setting<T>) settings.get(key));
    }

    /** {@code key}'s value in this source; as {@link #get}. */
    public <T> Optional<T> value(SettingKey<T> key) {
        return get(key).map(Setting::value);
    }

    /** The settings this source applies (without the withheld ones), in {@link SettingKey#ALL}'s order. */
    public List<Setting<?>> all() {
        return SettingKey.ALL.stream().filter(settings::containsKey).<Setting<?>>map(settings::get).toList();
    }

    /** This layer without its withheld keys: what applies, for a review that must not refuse. */
    public SettingsLayer applied() {
        return new SettingsLayer(settings, Map.of());
    }
}
