package dev.ironbox.core.settings;

import java.util.Objects;

/**
 * One setting's typed value, the text it was given as, and where it came from.
 *
 * @param key the setting
 * @param value its value, checked and typed ({@code Duration}, {@code ByteSize}, {@code SandboxPolicy}, ...)
 * @param text the value as its source wrote it ({@code 2m}, kept as written so {@code config show} shows it as given;
 *     canonical where the reader made it so: a workspace's real path, a policy's name), or as the default spells it
 * @param source where the value came from
 * @param <T> the value's type
 */
public record Setting<T>(SettingKey<T> key, T value, String text, SettingSource source) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** {@code value} spelled as its key spells values ({@link SettingKey#text}). */
    public static <T> Setting<T> of(SettingKey<T> key, T value, SettingSource source) {
        return new Setting<>(key, value, key.text(value), source);
    }
}
