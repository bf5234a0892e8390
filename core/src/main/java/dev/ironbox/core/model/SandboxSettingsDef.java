package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.time.Duration;
import org.immutables.value.Value;

/** How a sandbox service behaves, independent of any one command. */
@Value.Immutable
public abstract class SandboxSettingsDef {

    /** The image Ironbox can build itself, offline, from the host's static busybox. */
    public static final String DEFAULT_IMAGE = "localhost/ironbox/busybox:1";

    /** The image used when a request names none. Default {@link #DEFAULT_IMAGE}. */
    @Value.Default
    public String defaultImage() {
        return DEFAULT_IMAGE;
    }

    /** Try to pull an image that is absent. */
    @Value.Default
    public boolean pullMissingImages() {
        return true;
    }

    /** How long one image pull may take before it fails. Default 5 minutes. */
    @Value.Default
    public Duration pullTimeout() {
        return Duration.ofMinutes(5);
    }

    /** FullAccess runs commands on the host, unsandboxed; refused unless this is set. */
    @Value.Default
    public boolean allowFullAccess() {
        return false;
    }

    /**
     * Run commands with network access even where the host firewall cannot keep them from the host's own services
     * (not root, no nftables, a runtime that cannot name its bridges). Off: such runs are refused with the reason.
     */
    @Value.Default
    public boolean allowUnisolatedEgress() {
        return false;
    }

    /**
     * Sandboxed runs at once; more wait for a slot. Each running sandbox holds engine connections (a log follow and
     * a wait), and adapters bound their pools: an unbounded number of runs would starve kills and removals.
     */
    @Value.Default
    public int maxConcurrentRuns() {
        return 16;
    }

    /** How long to wait for the rest of the output after the container exited or was killed. */
    @Value.Default
    public Duration outputDrainTimeout() {
        return Duration.ofSeconds(10);
    }

    /** The warm one-shot pool; off by default. */
    @Value.Default
    public PoolSettings pool() {
        return PoolSettings.off();
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when {@code maxConcurrentRuns} is under 1 or the default image is blank
     *     or not a usable reference
     */
    @Value.Check
    protected void check() {
        if (maxConcurrentRuns() < 1) {
            throw new InvalidConfigurationException("maxConcurrentRuns must be at least 1, got " + maxConcurrentRuns());
        }
        if (defaultImage().isBlank()) {
            throw new InvalidConfigurationException("the default image name is empty");
        }
        ImageReference.requireUsable(defaultImage());
    }
}
