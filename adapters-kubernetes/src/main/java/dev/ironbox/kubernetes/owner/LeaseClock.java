package dev.ironbox.kubernetes.owner;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When an Ironbox Lease lapses: its last renewal (else its acquisition) plus its duration, plus a clock skew. */
final class LeaseClock {

    /**
     * The clocks of the instance that renews and of the one that judges differ; a Lease is expired only this long
     * after its duration ran out, so a live instance on a slightly slow clock is never reaped.
     */
    static final Duration SKEW = Duration.ofSeconds(10);

    private LeaseClock() {}

    /** When {@code lease} lapses; empty when it does not say when it was last renewed (then it is never judged). */
    static Optional<Instant> expiresAt(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null) {
            return Optional.empty();
        }
        ZonedDateTime last = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
        if (last == null) {
            return Optional.empty();
        }
        int seconds = spec.getLeaseDurationSeconds() == null ? InstanceLease.DURATION_SECONDS
                : spec.getLeaseDurationSeconds();
        return Optional.of(last.toInstant().plusSeconds(seconds).plus(SKEW));
    }

    /** Whether {@code lease} lapsed before {@code now}. */
    static boolean expired(Lease lease, Instant now) {
        return expiresAt(lease).map(at -> at.isBefore(now)).orElse(false);
    }
}
