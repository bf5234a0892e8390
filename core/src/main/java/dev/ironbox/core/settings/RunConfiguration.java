package dev.ironbox.core.settings;

import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The config files' settings, typed, so the command line overlays its flags on them
 * ({@link dev.ironbox.core.settings.Precedence}). The composition root reads the files; the command line never sees
 * TOML. Implementations are thread-safe and may read the files at each call.
 */
public interface RunConfiguration {

    /**
     * The config file read, when there is one (the project's {@code ./ironbox.toml} when the user's own is read too).
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the file cannot be read or is wrong
     */
    Optional<Path> file();

    /**
     * What the files set, typed and checked when they were read, each with the files it came from; a value an
     * untrusted project file may not set is withheld (it refuses when a command would use it).
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when a file cannot be read or is wrong
     */
    SettingsLayer settings();

    /** No config file: every option has its built-in default. */
    static RunConfiguration none() {
        return new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return Optional.empty();
            }

            @Override
            public SettingsLayer settings() {
                return SettingsLayer.empty();
            }
        };
    }
}
