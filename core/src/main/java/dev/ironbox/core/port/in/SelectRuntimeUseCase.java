package dev.ironbox.core.port.in;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.RuntimeChoice;
import java.util.Optional;

/**
 * Tells which runtime to use, from configuration: the caller's explicit choice (the {@code --runtime} flag, the
 * builder's {@code runtime(..)}), else the {@code IRONBOX_RUNTIME} variable, else the config file's {@code runtime},
 * else {@code auto}. Connects to nothing. Thread-safe.
 */
public interface SelectRuntimeUseCase {

    /**
     * @param requested the caller's explicit choice, empty when it made none
     * @return the runtime id (or {@code auto}) and the setting it came from
     * @throws InvalidConfigurationException when the config file cannot be read or parsed, or the chosen id is not
     *     an installed runtime (the message names the known ids and where the bad one came from)
     */
    RuntimeChoice select(Optional<String> requested);
}
