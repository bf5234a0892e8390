package dev.ironbox.cli;

import dev.ironbox.core.settings.EgressSettings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The network options of a command that starts sandboxes ({@code run}, later {@code session start}): a picocli
 * mixin. Each bad value is one error naming the option and, through core's parsers, the entry and the problem.
 */
final class EgressFlags {

    @Option(names = "--allow-domain", paramLabel = "PATTERN[:PORT]", showDefaultValue = Visibility.NEVER,
            description = "Let CMD reach this host through Ironbox's egress proxy; repeatable. A name (example.com), "
                    + "a wildcard (*.example.com, also matching example.com), an IP address or a CIDR range "
                    + "(10.0.0.0/8); ports 80 and 443 unless :PORT is given ([::1]:8080 for IPv6). Added to the "
                    + "config file's network.allow-domains and to the default allowlist (package registries, docs, "
                    + "GitHub, LLM APIs). Without any allowed host CMD has no network at all.")
    List<String> allowDomains = new ArrayList<>();

    @Option(names = "--credential", paramLabel = "HOST=ENV_VAR[,KIND][,optional]",
            showDefaultValue = Visibility.NEVER,
            description = "The proxy adds the secret in the host's variable ENV_VAR to requests to HOST; CMD only "
                    + "sees a placeholder in ENV_VAR. KIND: bearer (Authorization: Bearer, the default), "
                    + "header=NAME or query=NAME. HOST must be allowed. With optional, a missing ENV_VAR drops the "
                    + "credential instead of failing the run. Repeatable.")
    List<String> credentials = new ArrayList<>();

    @Option(names = "--default-domains", negatable = true, showDefaultValue = Visibility.NEVER,
            description = "Whether the default allowlist and its optional credentials (OPENAI_API_KEY, "
                    + "ANTHROPIC_API_KEY, NEARAI_API_KEY) are included; --no-default-domains allows only the hosts "
                    + "given. Default: network.default-domains in the config file, else included as soon as any "
                    + "host is allowed or credential mapped.")
    Boolean defaultDomains;

    @Option(names = "--upstream-ca", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = "PEM file of an extra CA the proxy trusts for upstream TLS (private servers, tests). "
                    + "Default: network.upstream-ca in the config file.")
    String upstreamCa;

    /** What the flags say; relative files resolve against {@code base}. */
    EgressSettings settings(Path base) {
        for (String entry : allowDomains) {
            try {
                AllowRule.parse(entry);
            } catch (InvalidConfigurationException e) {
                throw new InvalidConfigurationException("invalid --allow-domain: " + e.getMessage(), e);
            }
        }
        List<CredentialMapping> mappings = new ArrayList<>();
        for (String entry : credentials) {
            try {
                mappings.add(CredentialMapping.parse(entry));
            } catch (InvalidConfigurationException e) {
                throw new InvalidConfigurationException("invalid --credential: " + e.getMessage(), e);
            }
        }
        Optional<Path> ca = Optional.ofNullable(upstreamCa)
                .map(file -> OptionValues.readableFile("--upstream-ca", file, base));
        return new EgressSettings(allowDomains, mappings, Optional.ofNullable(defaultDomains), ca);
    }

    /**
     * {@code flags} with what these flags say, each sourced to its flag ({@code --no-default-domains} when negated);
     * as {@link #settings}.
     */
    SettingsLayer addTo(SettingsLayer flags, Path base) {
        EgressSettings given = settings(base);
        return flags
                .with(SettingKey.ALLOW_DOMAINS, given.allowDomains().isEmpty() ? null : given.allowDomains(),
                        SettingSource.flag("--allow-domain"))
                .with(SettingKey.CREDENTIALS, given.credentials().isEmpty() ? null : given.credentials(),
                        SettingSource.flag("--credential"))
                .with(SettingKey.DEFAULT_DOMAINS, defaultDomains,
                        SettingSource.flag(Boolean.FALSE.equals(defaultDomains) ? "--no-default-domains"
                                : "--default-domains"))
                .with(SettingKey.UPSTREAM_CA, given.upstreamCa().orElse(null), SettingSource.flag("--upstream-ca"));
    }
}
