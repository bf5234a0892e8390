package dev.ironbox.core.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The config file's run options, as the command line would spell them, so they become its options' defaults (a flag
 * wins; {@code --env} adds to the file's variables). The composition root reads the file; the command line never sees
 * TOML. Implementations are thread-safe and may read the file at each call.
 */
public interface RunConfiguration {

    /**
     * The config file read, when there is one (the project's {@code ./ironbox.toml} when the user's own is read too).
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the file cannot be read or is wrong
     */
    Optional<Path> file();

    /**
     * The file's value for a single-valued option, as its flag would take it: {@code value("--timeout")} is
     * {@code "2m"}, {@code value("--workspace")} an absolute path, {@code value("--ttl")} the session TTL
     * ({@code --allow-full-access} never comes from a file). Values were validated when the file was read.
     *
     * @param option the long option name, with its dashes
     * @return the value, or empty when the file does not set it (or there is no file)
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the file cannot be read or is wrong
     */
    Optional<String> value(String option);

    /**
     * The file's values for a repeatable option: {@code values("--env")} is its {@code NAME=VALUE} pairs, in order.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the file cannot be read or is wrong
     */
    List<String> values(String option);

    /**
     * The files the value of config key {@code key} ({@code run.timeout}, {@code network.allow-domains}) came from,
     * in order (two when a list adds up over the user's own file and a project's); empty when no file sets it.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the file cannot be read or is wrong
     */
    default List<Path> sources(String key) {
        return file().stream().toList();
    }

    /** No config file: every option has its built-in default. */
    static RunConfiguration none() {
        return new RunConfiguration() {
            @Override
            public Optional<Path> file() {
                return Optional.empty();
            }

            @Override
            public Optional<String> value(String option) {
                return Optional.empty();
            }

            @Override
            public List<String> values(String option) {
                return List.of();
            }
        };
    }
}
