package dev.ironbox.cli;

import dev.ironbox.core.settings.RunConfiguration;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.settings.Setting;
import dev.ironbox.core.settings.SettingKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Help text that depends on what is installed and configured: {@code ${bundle:ironbox.known-runtimes}} in an option
 * description becomes {@code auto, docker, podman, ...}, and {@code ${bundle:ironbox.default.--timeout}} the option's
 * effective default ({@code 2m (from /work/ironbox.toml)}, else the built-in one). Asked only when help is rendered;
 * a broken config file shows the built-in defaults here and is reported when a command runs.
 */
final class KnownRuntimes extends ResourceBundle {

    static final String KEY = "ironbox.known-runtimes";

    /** Followed by a long option name: {@code ironbox.default.--timeout}. */
    static final String DEFAULT_KEY = "ironbox.default.";

    /** The run and session options: those whose default help shows. */
    private static final List<String> OPTIONS = SettingKey.ALL.stream()
            .filter(key -> key.name().startsWith("run.") || key.name().startsWith("session."))
            .filter(key -> !key.adds()).map(SettingKey::option).toList();

    private final SandboxFactory factory;
    private final RunConfiguration config;
    private final Path workingDirectory;

    KnownRuntimes(SandboxFactory factory) {
        this(factory, RunConfiguration.none(), Path.of("").toAbsolutePath());
    }

    KnownRuntimes(SandboxFactory factory, RunConfiguration config, Path workingDirectory) {
        this.factory = factory;
        this.config = config;
        this.workingDirectory = workingDirectory;
    }

    @Override
    protected Object handleGetObject(String key) {
        if (key.startsWith(DEFAULT_KEY) && OPTIONS.contains(key.substring(DEFAULT_KEY.length()))) {
            return effectiveDefault(key.substring(DEFAULT_KEY.length()));
        }
        if (!KEY.equals(key)) {
            return null;
        }
        try {
            return String.join(", ", factory.knownRuntimes());
        } catch (IronboxException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String effectiveDefault(String option) {
        SettingKey<?> key = SettingKey.ALL.stream().filter(k -> k.option().equals(option)).findFirst().orElseThrow();
        try {
            Optional<? extends Setting<?>> file = config.settings().get(key);
            if (file.isPresent()) {
                return file.get().text() + " (from " + config.file().map(Path::toString).orElse("the config file")
                        + ")";
            }
        } catch (IronboxException broken) {
            // reported when a command runs; help still shows the built-in default
        }
        return builtIn(key);
    }

    private <T> String builtIn(SettingKey<T> key) {
        return key.builtIn(workingDirectory).map(key::text).orElse("");
    }

    @Override
    public Enumeration<String> getKeys() {
        List<String> keys = new ArrayList<>(List.of(KEY));
        OPTIONS.forEach(option -> keys.add(DEFAULT_KEY + option));
        return Collections.enumeration(keys);
    }
}
