package dev.ironbox.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Ironbox container, as {@code ironbox ps} shows it.
 *
 * @param runtime the runtime id it runs on
 * @param container its container id
 * @param kind a run or a session
 * @param sessionId the session id, for a session
 * @param created when it was created
 * @param policy its policy's CLI name ({@code readonly}), or {@code ?} when the label is missing
 * @param command the command it runs (a session: its keep-alive command)
 * @param running whether it runs now
 * @param ownerPid the process that owns it; empty for a detached session
 * @param ownerAlive whether that process still lives (true for a detached session)
 */
public record SandboxSummary(String runtime, ContainerId container, SandboxKind kind, Optional<String> sessionId,
        Instant created, String policy, List<String> command, boolean running, OptionalLong ownerPid,
        boolean ownerAlive) {

    /**
     * Copies the command.
     *
     * @throws NullPointerException when a component other than the command is {@code null}
     */
    public SandboxSummary {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(created, "created");
        command = List.copyOf(command);
    }
}
