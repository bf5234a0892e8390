package dev.ironbox.core.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a setting's value came from, as {@code ironbox config show} prints it: {@code default},
 * {@code file <path>} ({@code file A + file B} for a list two files add to), {@code environment IRONBOX_RUNTIME},
 * {@code flag --timeout}, or for a list both the file and the flags add to, {@code file <path> + flag --env}.
 *
 * @param text the source as printed
 */
public record SettingSource(String text) {

    public static final SettingSource DEFAULT = new SettingSource("default");

    public SettingSource {
        Objects.requireNonNull(text, "text");
    }

    /** {@code flag --timeout}. */
    public static SettingSource flag(String option) {
        return new SettingSource("flag " + option);
    }

    /** {@code environment IRONBOX_RUNTIME}. */
    public static SettingSource environment(String variable) {
        return new SettingSource("environment " + variable);
    }

    /** {@code file A}, or {@code file A + file B} for a list both add to; {@code file ?} when none is known. */
    public static SettingSource files(List<Path> paths) {
        return new SettingSource(paths.isEmpty() ? "file ?"
                : paths.stream().map(path -> "file " + path).collect(Collectors.joining(" + ")));
    }

    /** {@code file A}. */
    public static SettingSource file(Object path) {
        return new SettingSource("file " + path);
    }

    /** This source, then {@code later}'s: {@code file A + flag --env}. */
    public SettingSource and(SettingSource later) {
        return isDefault() ? later : later.isDefault() ? this : new SettingSource(text + " + " + later.text);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** Whether the value was given by this flag. */
    public boolean isFlag(String option) {
        return equals(flag(option));
    }

    @Override
    public String toString() {
        return text;
    }
}
