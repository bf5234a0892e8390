package dev.ironbox.core.settings;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides what a setting's value is and records where it came from: a flag (or the Java
 * builder's call), else the environment, else the config files, else the built-in default; a flag-only setting
 * ({@link SettingKey#flagOnly}) is never taken from the files or the environment. A setting that adds up
 * ({@link SettingKey#adds}: {@code run.env}, the allowlist, credentials) takes the files' values, then the
 * environment's, then the flags', and names each source that added to it.
 * <p>
 * Each setting is decided when asked for, so a withheld file value ({@link SettingsLayer#withholding}) refuses only
 * a command that would use it, not one that overrides it or does not need it. Immutable.
 */
public final class Precedence {

    private final SettingsLayer flags;
    private final SettingsLayer environment;
    private final SettingsLayer files;
    private final Path workingDirectory;

    /**
     * @param flags what the person asked for now (the command line's flags, the Java builder's calls)
     * @param environment what the environment sets ({@code IRONBOX_RUNTIME})
     * @param files what the config files set, already merged ({@code ./ironbox.toml} over the user's own)
     * @param workingDirectory the default workspace
     */
    public Precedence(SettingsLayer flags, SettingsLayer environment, SettingsLayer files, Path workingDirectory) {
        this.flags = Objects.requireNonNull(flags, "flags");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.files = Objects.requireNonNull(files, "files");
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /**
     * {@code key}'s effective setting; empty only for a key without a built-in default that no source sets
     * ({@code network.upstream-ca}).
     *
     * @throws RuntimeException the refusal of a withheld file value this setting would use
     */
    public <T> Optional<Setting<T>> setting(SettingKey<T> key) {
        if (key.adds()) {
            return Optional.of(added(key));
        }
        Optional<Setting<T>> given = flags.get(key);
        if (given.isEmpty() && !key.flagOnly()) {
            given = environment.get(key);
        }
        if (given.isEmpty() && !key.flagOnly()) {
            given = files.get(key);
        }
        return given.or(() -> key.builtIn(workingDirectory).map(value -> Setting.of(key, value,
                SettingSource.DEFAULT)));
    }

    /**
     * Decides each of {@code keys}, in order: a command checks the settings it uses before it does anything, so the
     * first withheld value among them is the one reported, whichever the command reads first.
     *
     * @return this
     * @throws RuntimeException the refusal of the first withheld file value these settings would use
     */
    public Precedence check(List<SettingKey<?>> keys) {
        keys.forEach(this::setting);
        return this;
    }

    /** {@code key}'s effective value; as {@link #setting}. */
    public <T> Optional<T> find(SettingKey<T> key) {
        return setting(key).map(Setting::value);
    }

    /**
     * {@code key}'s effective value, for a key with a built-in default.
     *
     * @throws IllegalArgumentException for a key without one that no source sets
     */
    public <T> T value(SettingKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no value for " + key));
    }

    /** Whether {@code key}'s value came from its built-in default. */
    public boolean isDefault(SettingKey<?> key) {
        return setting(key).map(setting -> setting.source().isDefault()).orElse(true);
    }

    private <T> Setting<T> added(SettingKey<T> key) {
        T value = key.builtIn(workingDirectory).orElseThrow();
        SettingSource source = SettingSource.DEFAULT;
        for (SettingsLayer layer : new SettingsLayer[] {files, environment, flags}) {
            Optional<Setting<T>> setting = layer.get(key);
            // an empty list adds nothing, so it is no source (run.env = [] leaves the default's "default")
            if (setting.isPresent() && !(setting.get().value() instanceof Collection<?> c && c.isEmpty())) {
                value = key.combine(value, setting.get().value());
                source = source.and(setting.get().source());
            }
        }
        return Setting.of(key, value, source);
    }
}
