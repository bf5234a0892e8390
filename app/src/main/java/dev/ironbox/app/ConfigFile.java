package dev.ironbox.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A config file and how it was found. How matters: a file the user chose ({@code $IRONBOX_CONFIG}, their own
 * {@code ~/.config/ironbox/config.toml}, or a file an embedder names) may hold secrets' settings; an
 * {@code ./ironbox.toml} found in the working directory belongs to whatever project is checked out there, and a
 * sandbox or a cloned repository may have written it, so it may not ({@link ConfigFileLimits}), and what it sets that
 * would let a run do more applies only once a person trusts its content ({@link ConfigLayers}).
 *
 * @param path the file, absolute
 * @param origin how it was found
 */
record ConfigFile(Path path, Origin origin) {

    /** How a config file was found. */
    enum Origin {
        /** Named by the embedding code ({@code IronboxBuilder.configFile}). */
        NAMED,
        /** Named by {@code $IRONBOX_CONFIG}. */
        VARIABLE,
        /** {@code ./ironbox.toml} in the working directory: a project's file, not necessarily trusted. */
        PROJECT,
        /** The user's own {@code $XDG_CONFIG_HOME/ironbox/config.toml} ({@code ~/.config/ironbox/config.toml}). */
        USER;

        /** Whether the user chose or owns the file, so it may say where secrets go. */
        boolean chosenByUser() {
            return this != PROJECT;
        }
    }

    ConfigFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
    }
}
