package dev.ironbox.app;

import dev.ironbox.core.model.egress.CredentialMapping;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the config file says. A key the file does not set is empty; a key's value has its {@link ConfigKey} type.
 *
 * @param found the file read and how it was found, or empty when there is none
 * @param values the keys the file sets
 */
record IronboxConfig(Optional<ConfigFile> found, Map<ConfigKey, Object> values) {

    IronboxConfig {
        values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
    }

    /** No config file. */
    static IronboxConfig none() {
        return new IronboxConfig(Optional.empty(), Map.of());
    }

    /** The file read, or empty when there is none. */
    Optional<Path> file() {
        return found.map(ConfigFile::path);
    }

    /** {@code runtime}: a runtime id or {@code auto}. */
    Optional<String> runtime() {
        return Optional.ofNullable((String) values.get(ConfigKey.RUNTIME));
    }

    /** {@code network.allow-domains}: allowlist entries as written (each valid for {@code AllowRule.parse}). */
    @SuppressWarnings("unchecked")
    List<String> allowDomains() {
        return (List<String>) values.getOrDefault(ConfigKey.ALLOW_DOMAINS, List.of());
    }

    /** {@code network.credentials}: the credential mappings, in order. */
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
        return Optional.ofNullable((Boolean) values.get(ConfigKey.DEFAULT_DOMAINS));
    }

    /** {@code network.upstream-ca}: an absolute path to a readable file (checked when the file was read). */
    Optional<Path> upstreamCa() {
        return Optional.ofNullable((Path) values.get(ConfigKey.UPSTREAM_CA));
    }

    /**
     * The file's value for a run or session option, as the flag would take it: {@code option("--timeout")} is
     * {@code "2m"}, {@code option("--workspace")} an absolute path.
     */
    Optional<String> option(String flag) {
        return ConfigKey.forOption(flag).map(values::get).filter(String.class::isInstance).map(String.class::cast);
    }

    /** {@code run.env}: {@code NAME=VALUE} pairs, in order. */
    @SuppressWarnings("unchecked")
    List<String> env() {
        return (List<String>) values.getOrDefault(ConfigKey.RUN_ENV, List.of());
    }

    /** The file, for messages: {@code /home/me/.config/ironbox/config.toml}. */
    String source() {
        return file().map(Path::toString).orElse("no config file");
    }
}
