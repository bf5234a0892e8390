package dev.ironbox.app;

import dev.ironbox.core.model.ByteSize;
import dev.ironbox.core.model.PoolSettings;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RuntimeChoice;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether a value from an untrusted project file would let a run do more than it may without that file: more than
 * the value that applies otherwise (the user's own file's, else the built-in default). Each {@link ConfigKey} names
 * its rule, so a new key cannot be added without deciding it. Narrowing values (a lower limit, {@code readonly},
 * {@code default-domains = false}) and values equal to what applies anyway are not widening.
 */
@FunctionalInterface
interface Widening {

    /** The built-in defaults of the limits, core's own. */
    ResourceLimits LIMITS = ResourceLimits.builder().build();

    /**
     * @param value the project file's value, typed ({@link ConfigKey#read})
     * @param base the value that applies without the project file, when the user's own file sets one
     * @param workingDirectory the working directory (the default workspace)
     */
    boolean widens(Object value, Optional<Object> base, Path workingDirectory);

    /** Every value widens: any entry adds something (an allowed host, a variable such as {@code LD_PRELOAD}). */
    Widening ALWAYS = (value, base, cwd) -> !(value instanceof List<?> list) || !list.isEmpty();

    /**
     * The runtime: a project may pick any installed runtime while none is pinned ({@code auto} could pick each of
     * them), but not move the user's pinned one to another engine.
     */
    Widening RUNTIME = (value, base, cwd) -> base.map(pinned -> !RuntimeChoice.AUTO.equals(pinned)
            && !pinned.equals(value)).orElse(false);

    /** {@code readonly} &lt; {@code workspace_write} &lt; {@code full_access}. */
    Widening POLICY = (value, base, cwd) -> ((SandboxPolicy) value).ordinal()
            > ((SandboxPolicy) base.orElse(SandboxPolicy.READ_ONLY)).ordinal();

    /** Any directory but the one mounted anyway: which host files the sandbox sees is the person's choice. */
    Widening WORKSPACE = (value, base, cwd) -> !value.equals(base.orElseGet(() -> real(cwd)));

    Widening IMAGE = (value, base, cwd) -> !value.equals(base.orElse(SandboxSettings.DEFAULT_IMAGE));

    static Widening longerThan(Duration builtIn) {
        return (value, base, cwd) -> ((Duration) value).compareTo((Duration) base.orElse(builtIn)) > 0;
    }

    static Widening largerThan(long builtIn) {
        return (value, base, cwd) -> bytes(value) > base.map(Widening::bytes).orElse(builtIn);
    }

    /** {@code cpus} and {@code pids}. */
    static Widening moreThan(double builtIn) {
        return (value, base, cwd) -> ((Number) value).doubleValue()
                > base.map(b -> ((Number) b).doubleValue()).orElse(builtIn);
    }

    Widening TIMEOUT = longerThan(LIMITS.timeout());
    Widening TTL = longerThan(SessionRequest.DEFAULT_IDLE_TTL);
    Widening MAX_LIFETIME = longerThan(SessionRequest.DEFAULT_MAX_LIFETIME);
    Widening MEMORY = largerThan(LIMITS.memoryBytes());
    Widening MAX_OUTPUT = largerThan(LIMITS.maxOutputBytes());
    Widening CPUS = moreThan(LIMITS.cpus());
    Widening PIDS = moreThan(LIMITS.pidsLimit());

    /**
     * A larger or longer-lived pool keeps more containers running on the host, for longer: the person's choice, not
     * a checked-out project's.
     */
    Widening POOL_SIZE = moreThan(PoolSettings.off().size());
    Widening POOL_MAX_IDLE_AGE = longerThan(PoolSettings.off().maxIdleAge());
    Widening POOL_MAX_KEYS = moreThan(PoolSettings.off().maxKeys());

    /** {@code true} always adds the seed's allowlist and its credentials (e.g. the host's API keys); false narrows. */
    Widening DEFAULT_DOMAINS = (value, base, cwd) -> Boolean.TRUE.equals(value) && !Boolean.TRUE.equals(base.orElse(null));

    private static long bytes(Object size) {
        return ((ByteSize) size).bytes();
    }

    private static Path real(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
