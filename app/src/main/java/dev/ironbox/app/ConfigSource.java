package dev.ironbox.app;

import dev.ironbox.app.ConfigFile.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The configuration as it is now: finds the config files and reads them on every call (an embedder sees edits at its
 * next {@code build()}). Each read hashes the very bytes it parses, so a project file's trust is decided on the
 * content that applies. Thread-safe.
 */
final class ConfigSource {

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final ConfigLocation location;
    private final TomlConfigReader reader;
    private final TrustStore trust;
    private final Predicate<String> chosenByAuto;

    /** Every runtime one {@code auto} may pick. */
    ConfigSource(Map<String, String> environment, Path workingDirectory, ConfigLocation location,
            TomlConfigReader reader) {
        this(environment, workingDirectory, location, reader, id -> true);
    }

    /**
     * @param chosenByAuto whether {@code auto} may pick the runtime of an id ({@link ConfigLayers#merge}); asked only
     *     when a project's file names a runtime
     */
    ConfigSource(Map<String, String> environment, Path workingDirectory, ConfigLocation location,
            TomlConfigReader reader, Predicate<String> chosenByAuto) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.location = location;
        this.reader = reader;
        this.trust = TrustStore.of(this.environment);
        this.chosenByAuto = chosenByAuto;
    }

    /** Whether {@code auto} may pick the runtime of an id. */
    Predicate<String> chosenByAuto() {
        return chosenByAuto;
    }

    /**
     * The configuration; asking it for a key an untrusted project file may not set refuses ({@link IronboxConfig}).
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when a file is missing, unreadable or wrong, or
     *     the trust store is broken
     */
    IronboxConfig load() {
        List<ConfigFileContent> contents = location.find(environment, workingDirectory).stream()
                .map(reader::parse).toList();
        return contents.isEmpty() ? IronboxConfig.none()
                : ConfigLayers.merge(contents, trust::trusts, workingDirectory, chosenByAuto);
    }

    /**
     * The user's own file, when there is one, and {@code projectFile} as a project's file, each read once: what
     * {@code config trust} hashes and records.
     */
    List<ConfigFileContent> withProject(Path projectFile) {
        List<ConfigFileContent> contents = new ArrayList<>();
        Path user = ConfigLocation.userFile(environment);
        if (Files.isRegularFile(user)) {
            contents.add(reader.parse(new ConfigFile(user.toAbsolutePath().normalize(), Origin.USER)));
        }
        contents.add(reader.parse(new ConfigFile(projectFile, Origin.PROJECT)));
        return contents;
    }

    /** As {@link #load}, with held-back keys left out instead of refused: for {@code config show}. */
    IronboxConfig review() {
        return load().reviewed();
    }

    /** The user's trust store. */
    TrustStore trustStore() {
        return trust;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    /** A variable of the environment Ironbox was started in, or null. */
    String variable(String name) {
        return environment.get(name);
    }
}
