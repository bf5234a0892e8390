package dev.ironbox.app;

import dev.ironbox.core.settings.RunConfiguration;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The config files' settings, typed, read at each call. A value an untrusted project file may not set is withheld:
 * a command that would use it is refused ({@link IronboxConfig#layer}), unless this is the view for review.
 * Thread-safe.
 */
final class FileRunConfiguration implements RunConfiguration {

    private final Supplier<IronboxConfig> config;

    FileRunConfiguration(ConfigSource config) {
        this(config::load);
    }

    /** Over a configuration read elsewhere, e.g. once, for {@code config show}. */
    FileRunConfiguration(Supplier<IronboxConfig> config) {
        this.config = config;
    }

    @Override
    public Optional<Path> file() {
        return config.get().file();
    }

    @Override
    public SettingsLayer settings() {
        return config.get().layer();
    }
}
