package dev.ironbox.core.model;

import dev.ironbox.core.model.egress.NetworkIsolation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one installed runtime looks like right now.
 *
 * @param id the runtime id
 * @param priority its order for {@code auto} (higher first)
 * @param engine what the engine said when probed; empty when it could not be reached
 * @param problem why it cannot run sandboxes (unreachable, naming where it looked; or a limit it cannot enforce);
 *     empty when it can
 * @param defaultImagePresent whether {@link SandboxSettings#DEFAULT_IMAGE} is there (false when unreachable)
 * @param networkIsolation how its sandboxes with network access are kept from the host's services, or why they
 *     cannot be (then such runs are refused unless unisolated egress is allowed); empty when unreachable
 * @param namedEndpoint the endpoint the user named for it ({@code DOCKER_HOST=...}), the only one it was looked for
 *     at; empty when it was looked for in its default places
 * @param notes what the engine says beyond its version ({@code EnginePort.notes()}: a cluster's namespace, a
 *     permission it lacks), in its order; empty when unreachable
 */
public record RuntimeDiagnosis(String id, int priority, Optional<EngineInfo> engine, Optional<String> problem,
        boolean defaultImagePresent, Optional<NetworkIsolation> networkIsolation,
        Optional<NamedEndpoint> namedEndpoint, List<EngineNote> notes) {

    /** @throws NullPointerException when a component other than a primitive is {@code null} */
    public RuntimeDiagnosis {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(networkIsolation, "networkIsolation");
        Objects.requireNonNull(namedEndpoint, "namedEndpoint");
        notes = List.copyOf(notes);
    }

    /** Without notes. */
    public RuntimeDiagnosis(String id, int priority, Optional<EngineInfo> engine, Optional<String> problem,
            boolean defaultImagePresent, Optional<NetworkIsolation> networkIsolation,
            Optional<NamedEndpoint> namedEndpoint) {
        this(id, priority, engine, problem, defaultImagePresent, networkIsolation, namedEndpoint, List.of());
    }

    /** Without a named endpoint. */
    public RuntimeDiagnosis(String id, int priority, Optional<EngineInfo> engine, Optional<String> problem,
            boolean defaultImagePresent, Optional<NetworkIsolation> networkIsolation) {
        this(id, priority, engine, problem, defaultImagePresent, networkIsolation, Optional.empty());
    }

    /** This, found at {@code namedEndpoint} (or looked for in the default places, when empty). */
    public RuntimeDiagnosis withNamedEndpoint(Optional<NamedEndpoint> namedEndpoint) {
        return new RuntimeDiagnosis(id, priority, engine, problem, defaultImagePresent, networkIsolation,
                namedEndpoint, notes);
    }

    /** This, with the engine's {@code notes}. */
    public RuntimeDiagnosis withNotes(List<EngineNote> notes) {
        return new RuntimeDiagnosis(id, priority, engine, problem, defaultImagePresent, networkIsolation,
                namedEndpoint, notes);
    }

    /** An engine that answered, with how its networked sandboxes are isolated from the host. */
    public static RuntimeDiagnosis reached(String id, int priority, EngineInfo engine, Optional<String> problem,
            boolean defaultImagePresent, NetworkIsolation networkIsolation) {
        return new RuntimeDiagnosis(id, priority, Optional.of(engine), problem, defaultImagePresent,
                Optional.of(networkIsolation));
    }

    /** An engine that answered; {@code problem} is set when it still cannot run a sandbox. */
    public static RuntimeDiagnosis reached(String id, int priority, EngineInfo engine, Optional<String> problem,
            boolean defaultImagePresent) {
        return new RuntimeDiagnosis(id, priority, Optional.of(engine), problem, defaultImagePresent,
                Optional.empty());
    }

    /** An engine that could not be reached, and why. */
    public static RuntimeDiagnosis unreachable(String id, int priority, String reason) {
        return new RuntimeDiagnosis(id, priority, Optional.empty(), Optional.of(reason), false, Optional.empty());
    }

    /** Whether the engine answered. */
    public boolean reachable() {
        return engine.isPresent();
    }

    /** Whether it can run sandboxes: it answered and can enforce every limit. */
    public boolean usable() {
        return engine.isPresent() && problem.isEmpty();
    }

    /** Whether {@code auto} stops here: it is usable, or the user named its endpoint (then auto fails here). */
    public boolean stopsAuto() {
        return usable() || namedEndpoint.isPresent();
    }
}
