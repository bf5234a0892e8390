package dev.ironbox.cli;

import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --ttl} and {@code --max-lifetime}: how long a session lives, for every command that starts sessions
 * ({@code session start}, and {@code mcp}, whose client starts them), so a refused project value can be replaced by a
 * flag wherever it applies.
 */
final class SessionLifetimeOptions {

    @Option(names = "--ttl", paramLabel = "DURATION", converter = OptionConverters.Ttl.class,
            description = "Stop and remove a session after it has been idle this long (at least 2s). Default: "
                    + "${bundle:" + KnownRuntimes.DEFAULT_KEY + "--ttl}.")
    Duration ttl;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", converter = OptionConverters.MaxLifetime.class,
            description = "Stop and remove a session this long after its start, idle or not (at least 2s); any "
                    + "Ironbox command that meets it later (session exec, ls, start, ps, cleanup) removes it. Default: "
                    + "${bundle:" + KnownRuntimes.DEFAULT_KEY + "--max-lifetime}, or the TTL when longer.")
    Duration maxLifetime;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** {@code flags} with these two options, where given. */
    SettingsLayer addTo(SettingsLayer flags) {
        return flags
                .with(SettingKey.TTL, ttl, RunOptions.given(spec, "--ttl"), SettingSource.flag("--ttl"))
                .with(SettingKey.MAX_LIFETIME, maxLifetime, RunOptions.given(spec, "--max-lifetime"),
                        SettingSource.flag("--max-lifetime"));
    }
}
