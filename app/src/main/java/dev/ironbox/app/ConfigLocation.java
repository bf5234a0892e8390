package dev.ironbox.app;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the config files are. A file named explicitly (the builder's {@code configFile}) is the only one read; so is
 * the one {@code $IRONBOX_CONFIG} names (which must exist). Otherwise the user's own
 * {@code $XDG_CONFIG_HOME/ironbox/config.toml} (default {@code ~/.config/ironbox/config.toml}) and then a project's
 * {@code ./ironbox.toml} in the working directory, both when they exist: the project's file goes over the user's, so
 * planting one cannot make the user's own settings disappear, and it applies only as far as it is trusted
 * ({@link ConfigLayers}). None is fine.
 *
 * @param explicit the file named by the caller, if any (relative paths resolve against the working directory)
 */
record ConfigLocation(Optional<Path> explicit) {

    static final String CONFIG_VARIABLE = "IRONBOX_CONFIG";
    static final String LOCAL_FILE = "ironbox.toml";

    /** The default lookup. */
    static ConfigLocation lookup() {
        return new ConfigLocation(Optional.empty());
    }

    /** Exactly {@code file}, which must exist. */
    static ConfigLocation of(Path file) {
        return new ConfigLocation(Optional.of(file));
    }

    /**
     * @return the config files to read, the lowest precedence first, each with how it was found; empty when none
     * @throws InvalidConfigurationException when a file named explicitly or by {@code IRONBOX_CONFIG} is missing
     */
    List<ConfigFile> find(Map<String, String> environment, Path workingDirectory) {
        if (explicit.isPresent()) {
            return List.of(new ConfigFile(existing(workingDirectory.resolve(explicit.get()), "config file"),
                    Origin.NAMED));
        }
        String named = environment.get(CONFIG_VARIABLE);
        if (named != null && !named.isBlank()) {
            return List.of(new ConfigFile(existing(path(named.strip(), workingDirectory),
                    "config file named by " + CONFIG_VARIABLE), Origin.VARIABLE));
        }
        List<ConfigFile> files = new ArrayList<>();
        Path user = userFile(environment);
        if (Files.isRegularFile(user)) {
            files.add(new ConfigFile(user.toAbsolutePath().normalize(), Origin.USER));
        }
        Path local = workingDirectory.resolve(LOCAL_FILE);
        if (Files.isRegularFile(local)) {
            files.add(new ConfigFile(local.toAbsolutePath().normalize(), Origin.PROJECT));
        }
        return List.copyOf(files);
    }

    /** {@code $XDG_CONFIG_HOME/ironbox/config.toml}, whether it exists or not. */
    static Path userFile(Map<String, String> environment) {
        return userConfigHome(environment).resolve("ironbox").resolve("config.toml");
    }

    /** {@code $XDG_CONFIG_HOME} when set to an absolute path (as the XDG spec says), else {@code ~/.config}. */
    static Path userConfigHome(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()) {
            return Path.of(xdg.strip());
        }
        String home = environment.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home.strip(), ".config");
    }

    private static Path path(String text, Path base) {
        try {
            return base.resolve(text);
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("invalid " + CONFIG_VARIABLE + " '" + text + "': " + e.getMessage(), e);
        }
    }

    private static Path existing(Path file, String what) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new InvalidConfigurationException(what + " " + absolute + " does not exist");
        }
        if (!Files.isRegularFile(absolute)) {
            throw new InvalidConfigurationException(what + " " + absolute + " is not a regular file");
        }
        return absolute;
    }
}
