package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import dev.ironbox.core.settings.Precedence;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import java.util.Optional;

/**
 * The runtime by precedence: the caller's choice ({@code --runtime}, {@code runtime(..)}), else
 * {@code IRONBOX_RUNTIME}, else the config files' {@code runtime}, else {@code auto}. The config files are read every
 * time, even when a choice made above it wins: a broken file is reported, never silently skipped. An untrusted
 * project file may pick a runtime only while the user's own file pins none ({@link Widening#RUNTIME}). Thread-safe.
 */
final class ConfiguredRuntimeSelection implements SelectRuntimeUseCase {

    static final String RUNTIME_VARIABLE = "IRONBOX_RUNTIME";

    private final ConfigSource config;
    private final Lazy<RuntimeRegistry> registry;

    ConfiguredRuntimeSelection(ConfigSource config, Lazy<RuntimeRegistry> registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public RuntimeChoice select(Optional<String> requested) {
        IronboxConfig file = config.load();
        RuntimeChoice choice = choose(requested, file);
        registry.get().requireSelectable(choice.runtime(),
                choice.isRequested() ? Optional.empty() : Optional.of(choice.source()));
        return choice;
    }

    /** The runtime as {@link Precedence} decides it, with its source as a {@link RuntimeChoice} names it. */
    private RuntimeChoice choose(Optional<String> requested, IronboxConfig file) {
        SettingsLayer flags = SettingsLayer.empty().with(SettingKey.RUNTIME, requested.map(String::strip).orElse(null),
                SettingSource.flag("--runtime"));
        String variable = config.variable(RUNTIME_VARIABLE);
        SettingsLayer environment = SettingsLayer.empty().with(SettingKey.RUNTIME,
                variable == null || variable.isBlank() ? null : variable.strip(),
                SettingSource.environment(RUNTIME_VARIABLE));
        Setting<String> runtime = new Precedence(flags, environment, file.layer(), config.workingDirectory())
                .setting(SettingKey.RUNTIME).orElseThrow();
        SettingSource source = runtime.source();
        return new RuntimeChoice(runtime.value(), source.isFlag("--runtime") ? RuntimeChoice.REQUESTED
                : source.isDefault() ? RuntimeChoice.DEFAULT
                : source.equals(SettingSource.environment(RUNTIME_VARIABLE)) ? RUNTIME_VARIABLE
                : file.sources(ConfigKey.RUNTIME).get(0).toString());
    }
}
