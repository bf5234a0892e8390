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
import java.util.function.BiPredicate;

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

    /**
     * @param contents the files read, the lowest precedence first
     * @param trusted whether the content of this SHA-256 at this location is trusted ({@link TrustStore#trusts}),
     *     asked only when a project's file is among them
     * @param workingDirectory the default workspace
     * @throws dev.ironbox.core.error.InvalidConfigurationException when the trust store is broken
     */
    static IronboxConfig merge(List<ConfigFileContent> contents, BiPredicate<Path, String> trusted,
            Path workingDirectory) {
        Map<ConfigKey, Setting<?>> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, List<Path>> sources = new EnumMap<>(ConfigKey.class);
        Optional<ProjectFileStatus> project = Optional.empty();
        for (ConfigFileContent content : contents) {
            Path path = content.file().path();
            Map<ConfigKey, Setting<?>> needingTrust = new EnumMap<>(ConfigKey.class);
            if (content.file().origin() == Origin.PROJECT) {
                content.values().forEach((key, value) -> {
                    if (key.widens(value.value(), Optional.ofNullable(values.get(key)).map(Setting::value),
                            workingDirectory)) {
                        needingTrust.put(key, value);
                    }
                });
                boolean trust = trusted.test(TrustStore.location(path), content.sha256());
                project = Optional.of(new ProjectFileStatus(path, content.sha256(), trust, needingTrust));
                if (trust) {
                    needingTrust.clear();
                }
            }
            content.values().forEach((key, value) -> {
                if (!needingTrust.containsKey(key)) {
                    apply(values, sources, key, value, path);
                }
            });
        }
        List<ConfigFile> files = contents.stream().map(ConfigFileContent::file).toList();
        return new IronboxConfig(files, values, sources, project, true);
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
