package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the precedence flag &gt; config file &gt; default to one command's options, remembering where each value
 * came from. Not thread-safe: one per resolution.
 */
final class Resolver {

    private final RunConfiguration config;
    private final Path workingDirectory;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();

    Resolver(RunConfiguration config, Path workingDirectory) {
        this.config = config;
        this.workingDirectory = workingDirectory;
    }

    /** {@code flag} when given (not null), else the file's value for {@code option}, else the default. */
    Resolver single(String name, String option, String flag) {
        if (flag != null) {
            settings.put(option, new Setting(name, flag, Setting.flag(option)));
            return this;
        }
        Optional<String> file = config.value(option);
        settings.put(option, file.isPresent()
                ? new Setting(name, file.get(), Setting.files(config.sources(name)))
                : new Setting(name, RunDefaults.of(option, workingDirectory), Setting.DEFAULT));
        return this;
    }

    /**
     * {@code flag} when given, else the default, never the config file: for an option that only the person at the
     * command line may give ({@code --allow-full-access}), as a file may be an untrusted project's.
     */
    Resolver flagOnly(String name, String option, String flag) {
        settings.put(option, flag != null ? new Setting(name, flag, Setting.flag(option))
                : new Setting(name, RunDefaults.of(option, workingDirectory), Setting.DEFAULT));
        return this;
    }

    /** The file's values for {@code option}, then the flags'. */
    Resolver repeated(String name, String option, List<String> flags) {
        List<String> fileValues = config.values(option);
        List<String> all = new ArrayList<>(fileValues);
        all.addAll(flags);
        List<String> sources = new ArrayList<>();
        if (!fileValues.isEmpty()) {
            sources.add(Setting.files(config.sources(name)));
        }
        if (!flags.isEmpty()) {
            sources.add(Setting.flag(option));
        }
        settings.put(option, new Setting(name, String.join(" ", all),
                sources.isEmpty() ? Setting.DEFAULT : String.join(" + ", sources)));
        lists.put(option, List.copyOf(all));
        return this;
    }

    EffectiveOptions result() {
        return new EffectiveOptions(settings, lists);
    }
}
