package dev.ironbox.app;

import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the config files say, put together ({@link ConfigLayers}). A key no file sets is empty; a key's value has its
 * {@link ConfigKey} type. A key an untrusted project file sets and may not ({@link ProjectFileStatus#withheld}) is
 * not among the values: asking for it refuses, with the one line that says why ({@link #refusing}), so a run never
 * silently gets other settings than the file asks for; the runtime alone falls back to the user's pinned one.
 *
 * @param files the files read, the lowest precedence first (the user's own, then the project's)
 * @param values the keys the files set, as applied
 * @param sources for each key, the files its value came from
 * @param project the project's {@code ./ironbox.toml} and its trust, when one was read
 * @param refusing whether asking for a held-back key throws ({@code false}: a view for {@code config show})
 */
record IronboxConfig(List<ConfigFile> files, Map<ConfigKey, Object> values, Map<ConfigKey, List<Path>> sources,
        Optional<ProjectFileStatus> project, boolean refusing) {

    IronboxConfig {
        files = List.copyOf(files);
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
        sources = sources.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(sources));
    }

    /** No config file. */
    static IronboxConfig none() {
        return new IronboxConfig(List.of(), Map.of(), Map.of(), Optional.empty(), true);
    }

    /** The same configuration, with held-back keys simply absent: what {@code config show} displays. */
    IronboxConfig reviewed() {
        return new IronboxConfig(files, values, sources, project, false);
    }

    /** The file of the highest precedence read (the project's, when there is one), or empty when there is none. */
    Optional<Path> file() {
        return files.isEmpty() ? Optional.empty() : Optional.of(files.get(files.size() - 1).path());
    }

    /** The files {@code key}'s value came from, in order; empty when no file sets it (or it was held back). */
    List<Path> sources(ConfigKey key) {
        return sources.getOrDefault(key, List.of());
    }

    /** {@code runtime}: a runtime id or {@code auto}. An untrusted project's is not applied over a pinned one. */
    Optional<String> runtime() {
        return Optional.ofNullable((String) values.get(ConfigKey.RUNTIME));
    }

    /** {@code network.allow-domains}: allowlist entries as written (each valid for {@code AllowRule.parse}). */
    @SuppressWarnings("unchecked")
    List<String> allowDomains() {
        return (List<String>) applied(ConfigKey.ALLOW_DOMAINS).orElse(List.of());
    }

    /** {@code network.credentials}: the credential mappings, in order (never from a project's file). */
    @SuppressWarnings("unchecked")
    List<CredentialMapping> credentials() {
        return (List<CredentialMapping>) values.getOrDefault(ConfigKey.CREDENTIALS, List.of());
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
        return Optional.ofNullable((Path) values.get(ConfigKey.UPSTREAM_CA));
    }

    /**
     * The files' value for a run or session option, as the flag would take it: {@code option("--timeout")} is
     * {@code "2m"}, {@code option("--workspace")} an absolute path.
     */
    Optional<String> option(String flag) {
        return ConfigKey.forOption(flag).flatMap(this::applied).filter(String.class::isInstance)
                .map(String.class::cast);
    }

    /** {@code run.env}: {@code NAME=VALUE} pairs, in order (the user's file's, then the project's). */
    @SuppressWarnings("unchecked")
    List<String> env() {
        return (List<String>) applied(ConfigKey.RUN_ENV).orElse(List.of());
    }

    /** The files, for messages: {@code /home/me/.config/ironbox/config.toml}. */
    String source() {
        return files.isEmpty() ? "no config file"
                : files.stream().map(f -> f.path().toString()).collect(Collectors.joining(" + "));
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
        return Optional.ofNullable(values.get(key));
    }
}
