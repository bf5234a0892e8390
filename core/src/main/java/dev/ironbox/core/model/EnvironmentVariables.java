package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.MessageText;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every request checks of the variables it passes: what the kernel could not pass to the command is refused here,
 * naming the variable, rather than by the engine at start.
 */
final class EnvironmentVariables {

    /** The kernel's limit on one {@code NAME=VALUE} string (MAX_ARG_STRLEN), its terminating NUL included. */
    static final int MAX_BYTES = 128 * 1024;

    private EnvironmentVariables() {}

    /** @throws InvalidConfigurationException for an empty name, a name with {@code =}, a NUL, or a variable too long */
    static void check(Map<String, String> env) {
        env.forEach((key, value) -> {
            if (key.isEmpty() || key.contains("=") || key.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("invalid environment variable name " + MessageText.quote(key));
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("environment variable " + MessageText.quote(key)
                        + " holds a NUL character, which no process can be given");
            }
            long bytes = (key + "=" + value).getBytes(StandardCharsets.UTF_8).length + 1L;
            if (bytes > MAX_BYTES) {
                throw new InvalidConfigurationException("environment variable " + MessageText.quote(key) + " is "
                        + bytes + " bytes long; the kernel passes at most " + MAX_BYTES + " for one");
            }
        });
    }
}
