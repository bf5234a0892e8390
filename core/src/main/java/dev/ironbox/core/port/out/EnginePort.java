package dev.ironbox.core.port.out;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;

/** Tells whether the engine answers, and what it is. Thread-safe. */
public interface EnginePort {

    /**
     * Pings the engine and reads its version, and, when the engine says, the CPUs and memory its machine has
     * ({@link dev.ironbox.core.model.EngineCapacity}; {@code UNKNOWN} otherwise): core refuses limits above them.
     *
     * @throws EngineUnavailableException when the engine does not answer, naming where it was looked for
     */
    EngineInfo probe();
}
