package dev.ironbox.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One session: a long-lived, hardened sandbox container that runs many commands.
 *
 * @param id the session id ({@code ironbox session exec ID})
 * @param runtime the runtime id it runs on
 * @param container its container
 * @param image its image
 * @param policy its policy
 * @param created when it started
 * @param idleTtl how long it may stay idle (no command running, none started) before it stops and is removed
 * @param running whether its container runs now
 * @param detached true when no process owns it (started by the CLI: only its TTL or {@code session stop} ends it);
 *     false when the process that started it stops it when that process closes its handle or dies
 * @param expires its hard deadline: past it, any Ironbox process stops it, idle or not
 */
public record SessionInfo(String id, String runtime, ContainerId container, String image, SandboxPolicy policy,
        Instant created, Duration idleTtl, boolean running, boolean detached, Instant expires) {

    /** @throws NullPointerException when a component is {@code null} */
    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(idleTtl, "idleTtl");
        Objects.requireNonNull(expires, "expires");
    }

    /** A session with the default maximum lifetime ({@link SessionRequest#DEFAULT_MAX_LIFETIME}, or its TTL). */
    public SessionInfo(String id, String runtime, ContainerId container, String image, SandboxPolicy policy,
            Instant created, Duration idleTtl, boolean running, boolean detached) {
        this(id, runtime, container, image, policy, created, idleTtl, running, detached,
                created.plus(SessionRequest.defaultMaxLifetime(idleTtl)));
    }
}
