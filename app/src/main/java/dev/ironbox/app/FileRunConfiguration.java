package dev.ironbox.app;

import dev.ironbox.cli.RunConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The config file's {@code [run]} and {@code [session]} tables for the command line, read at each call. Thread-safe. */
final class FileRunConfiguration implements RunConfiguration {

    private final ConfigSource config;

    FileRunConfiguration(ConfigSource config) {
        this.config = config;
    }

    @Override
    public Optional<Path> file() {
        return config.load().file();
    }

    @Override
    public Optional<String> value(String option) {
        return config.load().option(option);
    }

    @Override
    public List<String> values(String option) {
        return "--env".equals(option) ? config.load().env() : List.of();
    }
}
