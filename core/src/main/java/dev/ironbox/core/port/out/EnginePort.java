package dev.ironbox.core.port.out;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;

/** Tells whether the engine answers, and what it is. Thread-safe. */
public interface EnginePort {

    /**
     * Pings the engine and reads its version.
     *
     * @throws EngineUnavailableException when the engine does not answer, naming where it was looked for
     */
    EngineInfo probe();
}
