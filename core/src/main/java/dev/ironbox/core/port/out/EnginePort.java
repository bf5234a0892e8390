package dev.ironbox.core.port.out;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.model.EngineInfo;
import dev.ironbox.core.model.EngineNote;
import java.util.List;

/** Tells whether the engine answers, and what it is. Thread-safe. */
public interface EnginePort {

    /**
     * Pings the engine and reads its version, and, when the engine says, the CPUs and memory its machine has
     * ({@link dev.ironbox.core.model.EngineCapacity}; {@code UNKNOWN} otherwise): core refuses limits above them.
     *
     * @throws EngineUnavailableException when the engine does not answer, naming where it was looked for
     */
    EngineInfo probe();

    /**
     * Lines {@code ironbox doctor} shows under this engine beyond {@link #probe()}'s facts: where it is connected, a
     * permission it lacks, what it cannot promise. May connect; never throws (a failure becomes a problem note).
     * Default: none.
     */
    default List<EngineNote> notes() {
        return List.of();
    }
}
