package dev.ironbox.cli;

import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.Durations;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import dev.ironbox.core.settings.SettingSource;
import dev.ironbox.core.settings.SettingsLayer;
import dev.ironbox.core.settings.RunConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config file's settings as the composition root would hand them over, typed, without any TOML: given here as
 * the text its flags would take ({@code --timeout} to {@code 2m}), for short tests.
 */
record FileConfiguration(Path path, Map<String, String> values, List<String> env) implements RunConfiguration {

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public SettingsLayer settings() {
        SettingSource source = SettingSource.file(path);
        SettingsLayer layer = SettingsLayer.empty().with(SettingKey.ENV, env.isEmpty() ? null : env, source);
        for (Map.Entry<String, String> value : values.entrySet()) {
            layer = layer.with(typed(value.getKey(), value.getValue(), source));
        }
        return layer;
    }

    private static Setting<?> typed(String option, String text, SettingSource source) {
        return switch (option) {
            case "--policy" -> new Setting<>(SettingKey.POLICY, SandboxPolicy.parse(text), text, source);
            case "--workspace" -> new Setting<>(SettingKey.WORKSPACE, Path.of(text), text, source);
            case "--allow-full-access" -> new Setting<>(SettingKey.ALLOW_FULL_ACCESS, Boolean.parseBoolean(text), text,
                    source);
            case "--image" -> new Setting<>(SettingKey.IMAGE, text, text, source);
            case "--timeout" -> new Setting<>(SettingKey.TIMEOUT, Durations.parsePositive(option, text), text, source);
            case "--ttl" -> new Setting<>(SettingKey.TTL, Durations.parsePositive(option, text), text, source);
            case "--max-lifetime" -> new Setting<>(SettingKey.MAX_LIFETIME, Durations.parsePositive(option, text),
                    text, source);
            case "--memory" -> new Setting<>(SettingKey.MEMORY, ByteSize.parse(option, text), text, source);
            case "--max-output" -> new Setting<>(SettingKey.MAX_OUTPUT, ByteSize.parse(option, text), text, source);
            case "--cpus" -> new Setting<>(SettingKey.CPUS, Double.parseDouble(text), text, source);
            case "--pids" -> new Setting<>(SettingKey.PIDS, Long.parseLong(text), text, source);
            case "pool.size" -> new Setting<>(SettingKey.POOL_SIZE, Integer.parseInt(text), text, source);
            case "pool.max-idle-age" -> new Setting<>(SettingKey.POOL_MAX_IDLE_AGE,
                    Durations.parsePositive(option, text), text, source);
            default -> throw new IllegalArgumentException("no such file setting: " + option);
        };
    }
}
