package dev.ironbox.core.settings;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.AllowRule;
import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.EgressDefaults;
import dev.ironbox.core.model.egress.EgressPolicy;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Egress settings from one source (the config file, or the command line's flags), before they become a run's
 * {@link EgressPolicy}. Sources combine with {@link #plus}: the later one adds entries and credentials and overrides
 * the switches it sets.
 *
 * @param allowDomains allowlist entries as written ({@link AllowRule#parse}), in order
 * @param credentials credential mappings, in order
 * @param defaultDomains whether the seed's default allowlist and its (optional) credentials ({@link EgressDefaults})
 *     are included: {@code true} always, {@code false} never, empty (unset) when anything is allowed or mapped
 * @param upstreamCa a PEM file of an extra CA the egress proxy trusts for upstream TLS (absolute, checked readable
 *     by whoever read it); not part of the policy
 */
public record EgressSettings(List<String> allowDomains, List<CredentialMapping> credentials,
        Optional<Boolean> defaultDomains, Optional<Path> upstreamCa) {

    public EgressSettings {
        allowDomains = List.copyOf(allowDomains);
        credentials = List.copyOf(credentials);
        Objects.requireNonNull(defaultDomains, "defaultDomains");
        Objects.requireNonNull(upstreamCa, "upstreamCa");
    }

    /** Nothing set: a run with these settings has no network. */
    public static EgressSettings none() {
        return new EgressSettings(List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * These settings, then {@code later}'s, as {@link Precedence} puts a flag over a file: entries appended;
     * credentials appended, each of {@code later}'s replacing one of these for the same host; {@code defaultDomains}
     * and {@code upstreamCa} from {@code later} where it sets them.
     */
    public EgressSettings plus(EgressSettings later) {
        return of(new Precedence(later.layer(SettingSource.flag("(later)")), SettingsLayer.empty(),
                layer(SettingSource.file("(earlier)")), Path.of("")));
    }

    /** The effective network settings of {@code settings}. */
    public static EgressSettings of(Precedence settings) {
        return new EgressSettings(settings.value(SettingKey.ALLOW_DOMAINS), settings.value(SettingKey.CREDENTIALS),
                settings.find(SettingKey.DEFAULT_DOMAINS), settings.find(SettingKey.UPSTREAM_CA));
    }

    /** These settings as one source's, for {@link Precedence}. */
    public SettingsLayer layer(SettingSource source) {
        return SettingsLayer.empty()
                .with(SettingKey.ALLOW_DOMAINS, allowDomains.isEmpty() ? null : allowDomains, source)
                .with(SettingKey.CREDENTIALS, credentials.isEmpty() ? null : credentials, source)
                .with(SettingKey.DEFAULT_DOMAINS, defaultDomains.orElse(null), source)
                .with(SettingKey.UPSTREAM_CA, upstreamCa.orElse(null), source);
    }

    /** Whether the seed's defaults are included: as set, else when any entry or credential is given. */
    public boolean includesDefaults() {
        return defaultDomains.orElse(!allowDomains.isEmpty() || !credentials.isEmpty());
    }

    /**
     * The run's policy: the seed's defaults (when {@linkplain #includesDefaults included}) plus these entries and
     * credentials, a credential replacing a default one for the same host. Nothing given and no defaults: deny-all,
     * and the run keeps network {@code none}.
     *
     * @throws InvalidConfigurationException for a malformed entry, a credential for a host no entry allows
     *     ("credential for HOST: HOST is not on the allowlist") or a host with two credentials
     */
    public EgressPolicy policy() {
        EgressPolicy base = includesDefaults() ? EgressPolicy.defaults() : EgressPolicy.denyAll();
        return base.extendedWith(allowDomains, credentials);
    }
}
