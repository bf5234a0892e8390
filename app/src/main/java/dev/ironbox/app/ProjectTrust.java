package dev.ironbox.app;

import dev.ironbox.core.settings.ConfigReview;
import dev.ironbox.core.settings.ConfigTrust;
import dev.ironbox.core.settings.ProjectFileTrust;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trust in project config files for the command line: {@code config show}'s view, and {@code config trust} /
 * {@code untrust} over the user's {@link TrustStore}. Thread-safe.
 */
final class ProjectTrust implements ConfigTrust {

    private final ConfigSource config;

    ProjectTrust(ConfigSource config) {
        this.config = config;
    }

    @Override
    public ConfigReview review() {
        IronboxConfig reviewed = config.review();
        return new ConfigReview(new FileRunConfiguration(() -> reviewed),
                reviewed.files().stream().map(ConfigFile::path).toList(),
                reviewed.project().map(project -> view(project, project.trusted())), reviewed.runtimeTables());
    }

    /**
     * Reads the file once, as the project's file it would be over the user's own; the SHA-256 of those bytes is what
     * is recorded, and what they set that needs trust is what is reported. A broken file is refused, not trusted.
     */
    @Override
    public ProjectFileTrust trust(Path file) {
        Path path = file.toAbsolutePath().normalize();
        List<ConfigFileContent> contents = config.withProject(path);
        ProjectFileStatus status = ConfigLayers.merge(contents, (location, sha256) -> false, directory(path),
                config.chosenByAuto()).project().orElseThrow();
        config.trustStore().trust(TrustStore.location(path), status.sha256());
        return view(status, true);
    }

    @Override
    public boolean untrust(Path file) {
        return config.trustStore().untrust(TrustStore.location(file));
    }

    private static ProjectFileTrust view(ProjectFileStatus status, boolean trusted) {
        Map<String, String> settings = new LinkedHashMap<>();
        status.needingTrust().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> settings.put(e.getKey().key(), ConfigKey.display(e.getValue())));
        settings.putAll(status.tableKeysNeedingTrust());
        return new ProjectFileTrust(status.path(), status.sha256(), trusted, settings);
    }

    /** Where the file would be found as {@code ./ironbox.toml}: the workspace its keys are compared with. */
    private static Path directory(Path file) {
        return file.getParent() == null ? file : file.getParent();
    }
}
