package dev.ironbox.app;

import dev.ironbox.core.model.RuntimeSettings;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the config files say, put together ({@link ConfigLayers}). A key no file sets is empty; a key's value has its
 * {@link ConfigKey} type. A key an untrusted project file sets and may not ({@link ProjectFileStatus#withheld}) is
 * not among the values: asking for it (or using it, {@link #layer}) refuses, with the one line that says why ({@link #refusing}), so a run never
 * silently gets other settings than the file asks for; the runtime alone falls back to the user's pinned one.
 *
 * @param files the files read, the lowest precedence first (the user's own, then the project's)
 * @param values the keys the files set, as applied, typed
 * @param sources for each key, the files its value came from
 * @param project the project's {@code ./ironbox.toml} and its trust, when one was read
 * @param refusing whether asking for a held-back key throws ({@code false}: a view for {@code config show})
 * @param runtimeTables the runtime tables ({@code [kubernetes]}) as applied, by runtime id, each key with its file
 *     and line
 */
record IronboxConfig(List<ConfigFile> files, Map<ConfigKey, Setting<?>> values, Map<ConfigKey, List<Path>> sources,
        Optional<ProjectFileStatus> project, boolean refusing, Map<String, RuntimeSettings> runtimeTables) {

    IronboxConfig {
        files = List.copyOf(files);
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
        sources = sources.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(sources));
        runtimeTables = Collections.unmodifiableMap(new TreeMap<>(runtimeTables));
    }

    /** No config file. */
    static IronboxConfig none() {
        return new IronboxConfig(List.of(), Map.of(), Map.of(), Optional.empty(), true, Map.of());
    }

    /** The same configuration, with held-back keys simply absent: what {@code config show} displays. */
    IronboxConfig reviewed() {
        return new IronboxConfig(files, values, sources, project, false, runtimeTables);
    }

    /**
     * Runtime {@code id}'s table ({@code [kubernetes]}) as the files set it; none when they do not.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when an untrusted project file changes a key of
     *     it: the runtime would otherwise connect with other settings than the file asks for
     */
    RuntimeSettings runtimeSettings(String id) {
        if (refusing && project.isPresent()) {
            Optional<String> held = project.get().withheldTableKey(id);
            if (held.isPresent()) {
                throw project.get().refusal(held.get());
            }
        }
        return runtimeTables.getOrDefault(id, RuntimeSettings.NONE);
    }

    /** The file of the highest precedence read (the project's, when there is one), or empty when there is none. */
    Optional<Path> file() {
        return files.isEmpty() ? Optional.empty() : Optional.of(files.get(files.size() - 1).path());
    }

    /** The files {@code key}'s value came from, in order; empty when no file sets it (or it was held back). */
    List<Path> sources(ConfigKey key) {
        return sources.getOrDefault(key, List.of());
    }

    /**
     * The files' typed settings, each with the files it came from, for {@link dev.ironbox.core.settings.Precedence}.
     * A key an untrusted project file sets and may not is withheld: using it refuses with the one line that says why
     * (unless this is the view for review); the runtime is not, as the user's pinned one applies instead.
     */
    SettingsLayer layer() {
        SettingsLayer layer = SettingsLayer.empty();
        for (Map.Entry<ConfigKey, Setting<?>> entry : values.entrySet()) {
            Setting<?> setting = entry.getValue();
            layer = layer.with(new Setting<>(cast(setting.key()), setting.value(), setting.text(),
                    SettingSource.files(sources(entry.getKey()))));
        }
        if (refusing && project.isPresent()) {
            for (ConfigKey key : project.get().needingTrust().keySet()) {
                if (project.get().withholds(key) && key != ConfigKey.RUNTIME) {
                    layer = layer.withholding(key.setting(), () -> project.get().refusal(key));
                }
            }
        }
        return layer;
    }

    /** {@code runtime}: a runtime id or {@code auto}. An untrusted project's is not applied over a pinned one. */
    Optional<String> runtime() {
        return value(ConfigKey.RUNTIME).map(String.class::cast);
    }

    /** {@code network.allow-domains}: allowlist entries as written (each valid for {@code AllowRule.parse}). */
    @SuppressWarnings("unchecked")
    List<String> allowDomains() {
        return (List<String>) applied(ConfigKey.ALLOW_DOMAINS).orElse(List.of());
    }

    /** {@code network.credentials}: the credential mappings, in order (never from a project's file). */
    @SuppressWarnings("unchecked")
    List<CredentialMapping> credentials() {
        return (List<CredentialMapping>) value(ConfigKey.CREDENTIALS).orElse(List.of());
    }

    /**
     * {@code network.default-domains}: whether the seed's default allowlist and optional credentials are included
     * ({@code true} always, {@code false} never); empty when unset (then: included as soon as any host is allowed or
     * credential mapped).
     */
    Optional<Boolean> defaultDomains() {
        return applied(ConfigKey.DEFAULT_DOMAINS).map(Boolean.class::cast);
    }

    /** {@code network.upstream-ca}: an absolute path to a readable file (never from a project's file). */
    Optional<Path> upstreamCa() {
        return value(ConfigKey.UPSTREAM_CA).map(Path.class::cast);
    }

    /** The files, for messages: {@code /home/me/.config/ironbox/config.toml}. */
    String source() {
        return files.isEmpty() ? "no config file"
                : files.stream().map(f -> f.path().toString()).collect(Collectors.joining(" + "));
    }

    private Optional<Object> value(ConfigKey key) {
        return Optional.ofNullable(values.get(key)).map(Setting::value);
    }

    /**
     * {@code key}'s value as applied.
     *
     * @throws dev.ironbox.core.error.InvalidConfigurationException when an untrusted project file sets it and may not
     */
    private Optional<Object> applied(ConfigKey key) {
        if (refusing && project.isPresent() && project.get().withholds(key)) {
            throw project.get().refusal(key);
        }
        return value(key);
    }

    @SuppressWarnings("unchecked") // a setting's value has its key's type
    private static SettingKey<Object> cast(SettingKey<?> key) {
        return (SettingKey<Object>) key;
    }
}
