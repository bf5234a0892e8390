package dev.ironbox.core.settings;

import dev.ironbox.core.model.RuntimeSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration as {@code ironbox config show} displays it: what applies, with the settings an untrusted project
 * file may not make left out rather than refused, and that file's trust.
 *
 * @param applied the config files' settings as they apply (a held-back one is left out, not refused)
 * @param files the config files read, the lowest precedence first
 * @param projectFile the project's {@code ./ironbox.toml}, when one was read
 * @param runtimeTables the runtimes' own tables ({@code [kubernetes]}) as they apply, by runtime id, each key with
 *     where it was set
 */
public record ConfigReview(RunConfiguration applied, List<Path> files, Optional<ProjectFileTrust> projectFile,
        Map<String, RuntimeSettings> runtimeTables) {

    public ConfigReview {
        Objects.requireNonNull(applied, "applied");
        files = List.copyOf(files);
        Objects.requireNonNull(projectFile, "projectFile");
        runtimeTables = Collections.unmodifiableMap(new TreeMap<>(runtimeTables));
    }

    /** Without runtime tables. */
    public ConfigReview(RunConfiguration applied, List<Path> files, Optional<ProjectFileTrust> projectFile) {
        this(applied, files, projectFile, Map.of());
    }
}
