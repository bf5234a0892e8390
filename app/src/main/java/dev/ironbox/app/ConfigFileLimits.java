package dev.ironbox.app;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a config file may not do. A file is found without the user naming it ({@code ./ironbox.toml} in whatever
 * project is checked out), so it must not be able to weaken the sandbox or send secrets away:
 * <ul>
 * <li>{@code run.allow-full-access} is a flag only: a file that could set it could run commands on the host;</li>
 * <li>{@code run.workspace} stays in the file's directory or below ({@link RunKeyValues#workspace});</li>
 * <li>{@code network.credentials} and {@code network.upstream-ca} come only from a file the user chose or owns: a
 *     project's file could send a host secret to a host it picks, or trust a CA that lets it read the secret.</li>
 * </ul>
 */
final class ConfigFileLimits {

    /** Keys no file may set (by their last part, so a misplaced one is named too), with the flag to give instead. */
    private static final Map<String, String> FLAG_ONLY = Map.of("allow-full-access", "--allow-full-access");

    /** Keys a project's file may not set, with the flag that does the same. */
    private static final Map<ConfigKey, String> USER_ONLY = Map.of(
            ConfigKey.CREDENTIALS, "--credential",
            ConfigKey.UPSTREAM_CA, "--upstream-ca");

    private ConfigFileLimits() {}

    /** @throws InvalidConfigurationException when {@code key} ({@code run.allow-full-access}) is a flag only */
    static void refuseFlagOnly(String key, Path file) {
        String flag = FLAG_ONLY.get(key.substring(key.lastIndexOf('.') + 1));
        if (flag != null) {
            throw new InvalidConfigurationException(key + " cannot be set in a config file (" + file + "): give "
                    + flag + " on the command line");
        }
    }

    /** @throws InvalidConfigurationException when {@code file} is a project's and {@code key} is the user's to set */
    static void checkOrigin(ConfigKey key, ConfigFile file) {
        String flag = USER_ONLY.get(key);
        if (flag != null && !file.origin().chosenByUser()) {
            throw new InvalidConfigurationException(key.key() + " in " + file.path() + " (a project's file, found in "
                    + "the working directory) is refused: a project must not choose where your secrets go; put it in "
                    + "~/.config/ironbox/config.toml (or the file $" + ConfigLocation.CONFIG_VARIABLE
                    + " names) or pass " + flag);
        }
    }
}
