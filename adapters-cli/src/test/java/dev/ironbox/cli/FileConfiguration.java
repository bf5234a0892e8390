package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A config file's run options as the composition root would hand them over, without any TOML. */
record FileConfiguration(Path path, Map<String, String> values, List<String> env) implements RunConfiguration {

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    @Override
    public List<String> values(String option) {
        return option.equals("--env") ? env : List.of();
    }
}
