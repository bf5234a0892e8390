package dev.ironbox.core.port.in;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.SandboxSettings;
import java.util.List;

/** Opens sandboxes on a runtime chosen by id. The composition root implements it; driving adapters use it. */
public interface SandboxFactory {

    /**
     * Connects to runtime {@code runtimeId} and returns a sandbox on it; the caller closes it.
     *
     * @throws InvalidConfigurationException when the id is unknown (the message lists the known ones)
     * @throws EngineUnavailableException when the runtime's engine cannot be reached
     */
    Sandbox open(String runtimeId, SandboxSettings settings);

    /** Ids accepted by {@link #open}. */
    List<String> knownRuntimes();

    /**
     * Whether {@code auto} may pick runtime {@code runtimeId}; false for one used only when chosen on purpose (a
     * cluster), whose absence is then no news to a command that asks every runtime. Default: true.
     */
    default boolean chosenByAuto(String runtimeId) {
        return true;
    }
}
