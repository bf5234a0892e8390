package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.egress.EgressPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A session to start: a long-lived sandbox with the same hardening as a run. Its limits bound the container (memory,
 * CPU, pids, {@code /tmp}); each command's timeout and output budget come with that command.
 */
@Value.Immutable
public abstract class SessionRequestDef {

    /** The idle TTL when a request does not say: 30 minutes. */
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(30);

    /** How long a session may live at most when its request does not say: a day, or its idle TTL when longer. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    /** Host directory mounted at {@code /workspace}. */
    public abstract Path workspace();

    /** How much the session's commands may touch; FullAccess is refused. Default {@link SandboxPolicy#READ_ONLY}. */
    @Value.Default
    public SandboxPolicy policy() {
        return SandboxPolicy.READ_ONLY;
    }

    /** The container's memory, CPU, pids and {@code /tmp} size; the timeout and output budget here are unused. */
    @Value.Default
    public ResourceLimits limits() {
        return ResourceLimits.builder().build();
    }

    /** Variables every command in the session sees (a command's own variables win). */
    public abstract Map<String, String> env();

    /** The image reference the session's container runs. */
    public abstract String image();

    /** Where commands may connect through the egress proxy; needs an attached session (the proxy lives here). */
    @Value.Default
    public EgressPolicy egress() {
        return EgressPolicy.denyAll();
    }

    /** Idle longer than this (no command running or started), the session stops and is removed. */
    @Value.Default
    public Duration idleTtl() {
        return DEFAULT_IDLE_TTL;
    }

    /**
     * The longest the session may live, idle or busy: a hard deadline kept in its labels (from its start) that any
     * Ironbox process enforces from outside the sandbox ({@code cleanup}, {@code session ls}, an exec into it), so a
     * sandbox that defeats its idle watchdog still ends. Default {@link #DEFAULT_MAX_LIFETIME}, or the idle TTL when
     * that is longer.
     */
    @Value.Default
    public Duration maxLifetime() {
        return defaultMaxLifetime(idleTtl());
    }

    /** {@link #DEFAULT_MAX_LIFETIME}, or {@code idleTtl} when that is longer. */
    public static Duration defaultMaxLifetime(Duration idleTtl) {
        return DEFAULT_MAX_LIFETIME.compareTo(idleTtl) >= 0 ? DEFAULT_MAX_LIFETIME : idleTtl;
    }

    /**
     * True: no process owns the session (the CLI's {@code session start} exits at once); only its TTL or a stop ends
     * it, and it cannot use the egress proxy. False: this process owns it, and stops it when it closes or dies.
     */
    @Value.Default
    public boolean detached() {
        return false;
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when the image is blank or unusable, the idle TTL or max lifetime is
     *     under 2 s, the policy is FullAccess, or a variable is invalid
     */
    @Value.Check
    protected void check() {
        if (image().isBlank()) {
            throw new InvalidConfigurationException("empty image name");
        }
        ImageReference.requireUsable(image()); // bounded and checked here, before any engine sees it
        if (idleTtl().compareTo(Duration.ofSeconds(2)) < 0) {
            throw new InvalidConfigurationException("session TTL must be at least 2s, got " + idleTtl());
        }
        if (maxLifetime().compareTo(Duration.ofSeconds(2)) < 0) {
            throw new InvalidConfigurationException("session max lifetime must be at least 2s, got "
                    + maxLifetime());
        }
        if (!policy().isSandboxed()) {
            throw new InvalidConfigurationException("a session is always sandboxed: policy "
                    + policy().cliName() + " cannot start one");
        }
        EnvironmentVariables.check(env());
    }
}
