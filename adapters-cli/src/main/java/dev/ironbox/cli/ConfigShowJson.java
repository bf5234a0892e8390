package dev.ironbox.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ironbox.core.settings.ProjectFileTrust;
import dev.ironbox.core.settings.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --json} form of {@code ironbox config show}: the config file applied (or {@code null}), every file
 * considered, the project's file and its trust (or {@code null}), and every setting with its value and source.
 */
@JsonPropertyOrder({"configFile", "configFiles", "projectFile", "settings"})
record ConfigShowJson(String configFile, List<String> configFiles, ProjectFile projectFile,
        List<SettingJson> settings) {

    static ConfigShowJson of(Optional<Path> configFile, List<Path> files, Optional<ProjectFileTrust> project,
            List<Setting<?>> settings, List<SettingJson> runtimeSettings) {
        List<SettingJson> all = new ArrayList<>(settings.stream()
                .map(s -> new SettingJson(s.key().name(), s.text(), s.source().text())).toList());
        all.addAll(runtimeSettings);
        return new ConfigShowJson(configFile.map(Path::toString).orElse(null),
                files.stream().map(Path::toString).toList(), project.map(ProjectFile::of).orElse(null), all);
    }

    /** A setting: its value as written (or as its default spells it) and where it came from. */
    @JsonPropertyOrder({"name", "value", "source"})
    record SettingJson(String name, String value, String source) {}

    /** A project's file: its digest, whether it is trusted, and the settings that need trust or were not applied. */
    @JsonPropertyOrder({"path", "sha256", "trusted", "needsTrust", "notApplied"})
    record ProjectFile(String path, String sha256, boolean trusted, List<Pair> needsTrust, List<Pair> notApplied) {

        static ProjectFile of(ProjectFileTrust project) {
            return new ProjectFile(project.path().toString(), project.sha256(), project.trusted(),
                    Pair.of(project.needingTrust()), Pair.of(project.notApplied()));
        }
    }

    @JsonPropertyOrder({"name", "value"})
    record Pair(String name, String value) {

        static List<Pair> of(Map<String, String> settings) {
            return settings.entrySet().stream().map(e -> new Pair(e.getKey(), e.getValue())).toList();
        }
    }
}
