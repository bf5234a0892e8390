package dev.ironbox.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration as it is now: finds the config file and reads it on every call (a command line reads it once;
 * an embedder sees edits at its next {@code build()}). Thread-safe.
 */
final class ConfigSource {

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final ConfigLocation location;
    private final TomlConfigReader reader;

    ConfigSource(Map<String, String> environment, Path workingDirectory, ConfigLocation location,
            TomlConfigReader reader) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.location = location;
        this.reader = reader;
    }

    /** @throws dev.ironbox.core.error.InvalidConfigurationException when the file is missing, unreadable or wrong */
    IronboxConfig load() {
        return location.find(environment, workingDirectory).map(reader::read).orElseGet(IronboxConfig::none);
    }

    /** A variable of the environment Ironbox was started in, or null. */
    String variable(String name) {
        return environment.get(name);
    }
}
