package dev.ironbox.app;

import dagger.Lazy;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
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

    private RuntimeChoice choose(Optional<String> requested, IronboxConfig file) {
        if (requested.isPresent()) {
            return new RuntimeChoice(requested.get().strip(), RuntimeChoice.REQUESTED);
        }
        String variable = config.variable(RUNTIME_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new RuntimeChoice(variable.strip(), RUNTIME_VARIABLE);
        }
        return file.runtime()
                .map(runtime -> new RuntimeChoice(runtime.strip(), file.sources(ConfigKey.RUNTIME).get(0).toString()))
                .orElseGet(() -> new RuntimeChoice(RuntimeChoice.AUTO, RuntimeChoice.DEFAULT));
    }
}
