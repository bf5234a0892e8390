package dev.ironbox.app;

import dev.ironbox.app.ConfigFile.Origin;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.RuntimeSettings;

/**
 * Puts the config files read into one configuration: the user's own file first, a project's {@code ./ironbox.toml}
 * over it (a scalar replaces, a list adds to the earlier file's). A project's file is data that a sandbox, or a
 * freshly cloned repository, can write: until the person trusts that exact content ({@link TrustStore}) its keys
 * that would let a run do more than it otherwise may ({@link ConfigKey#widens}) are held back, and a run that would
 * use one is refused ({@link IronboxConfig}); its narrowing keys apply.
 */
final class ConfigLayers {

    private ConfigLayers() {}

    /** Files the user chose or owns: everything applies. */
    static IronboxConfig of(List<ConfigFileContent> contents) {
        return merge(contents, (location, sha256) -> true, Path.of(""));
    }

    /** As {@link #merge(List, BiPredicate, Path, Predicate)}, every runtime one {@code auto} may pick. */
    static IronboxConfig merge(List<ConfigFileContent> contents, BiPredicate<Path, String> trusted,
            Path workingDirectory) {
        return merge(contents, trusted, workingDirectory, id -> true);
    }

    /**
     * @param contents the files read, the lowest precedence first
     * @param trusted whether the content of this SHA-256 at this location is trusted ({@link TrustStore#trusts}),
     *     asked only when a project's file is among them
     * @param workingDirectory the default workspace
     * @param chosenByAuto whether {@code auto} may pick the runtime of this id: a project may not choose one that
     *     auto never would (a cluster, which would send the workspace elsewhere) until it is trusted
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the trust store is broken
     */
    static IronboxConfig merge(List<ConfigFileContent> contents, BiPredicate<Path, String> trusted,
            Path workingDirectory, Predicate<String> chosenByAuto) {
        Map<ConfigKey, Setting<?>> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, List<Path>> sources = new EnumMap<>(ConfigKey.class);
        Map<String, RuntimeSettings> tables = new TreeMap<>();
        Optional<ProjectFileStatus> project = Optional.empty();
        for (ConfigFileContent content : contents) {
            Path path = content.file().path();
            Map<ConfigKey, Setting<?>> needingTrust = new EnumMap<>(ConfigKey.class);
            Map<String, String> tableKeysNeedingTrust = new TreeMap<>();
            if (content.file().origin() == Origin.PROJECT) {
                content.values().forEach((key, value) -> {
                    Optional<Object> base = Optional.ofNullable(values.get(key)).map(Setting::value);
                    if (key.widens(value.value(), base, workingDirectory)
                            || key == ConfigKey.RUNTIME && beyondAuto(value.value(), base, chosenByAuto)) {
                        needingTrust.put(key, value);
                    }
                });
                tableKeysNeedingTrust.putAll(RuntimeTableLayers.changes(tables, content.runtimeTables()));
                boolean trust = trusted.test(TrustStore.location(path), content.sha256());
                project = Optional.of(new ProjectFileStatus(path, content.sha256(), trust, needingTrust,
                        tableKeysNeedingTrust));
                if (trust) {
                    needingTrust.clear();
                    tableKeysNeedingTrust.clear();
                }
            }
            content.values().forEach((key, value) -> {
                if (!needingTrust.containsKey(key)) {
                    apply(values, sources, key, value, path);
                }
            });
            RuntimeTableLayers.apply(tables, content.runtimeTables(), tableKeysNeedingTrust.keySet());
        }
        List<ConfigFile> files = contents.stream().map(ConfigFileContent::file).toList();
        return new IronboxConfig(files, values, sources, project, true, tables);
    }

    /**
     * A project's {@code runtime} that {@code auto} would never pick, while the user pinned none: {@link
     * Widening#RUNTIME} lets a project pick what auto could, but a runtime chosen only on purpose (a cluster) is the
     * person's choice.
     */
    private static boolean beyondAuto(Object runtime, Optional<Object> base, Predicate<String> chosenByAuto) {
        boolean unpinned = base.map(RuntimeChoice.AUTO::equals).orElse(true);
        return unpinned && !RuntimeChoice.AUTO.equals(runtime) && !chosenByAuto.test((String) runtime);
    }

    @SuppressWarnings("unchecked") // a list key's values are lists
    private static void apply(Map<ConfigKey, Setting<?>> values, Map<ConfigKey, List<Path>> sources, ConfigKey key,
            Setting<?> value, Path file) {
        Setting<?> earlier = values.get(key);
        List<Path> from = new ArrayList<>();
        if (value.value() instanceof List<?> added && earlier != null && earlier.value() instanceof List<?> existing) {
            List<Object> all = new ArrayList<>(existing);
            all.addAll(added);
            from.addAll(sources.get(key));
            from.add(file);
            value = Setting.of((SettingKey<Object>) key.setting(), List.copyOf(all), SettingSource.files(from));
        } else {
            from.add(file);
        }
        values.put(key, value);
        sources.put(key, List.copyOf(from));
    }
}
