package dev.ironbox.app;

import dev.ironbox.core.settings.RunConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The config files' {@code [run]} and {@code [session]} tables for the command line, read at each call. A value an
 * untrusted project file may not set is refused when asked for ({@link IronboxConfig}), unless this is the view
 * for review. Thread-safe.
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
    public Optional<String> value(String option) {
        return config.get().option(option);
    }

    @Override
    public List<String> values(String option) {
        return "--env".equals(option) ? config.get().env() : List.of();
    }

    @Override
    public List<Path> sources(String key) {
        return ConfigKey.named(key).map(config.get()::sources).orElse(List.of());
    }
}
