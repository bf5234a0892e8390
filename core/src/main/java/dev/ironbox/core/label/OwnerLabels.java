package dev.ironbox.core.label;

import java.util.Map;

/**
 * Labels that mark a container as Ironbox's and name the process that owns it, so a sweep can find containers
 * whose owner died (the owner's start time guards against a reused pid; its boot id and pid namespace say where
 * the pid means that process, see {@link OwnerPlace}).
 */
public final class OwnerLabels {

    public static final String MANAGED = "dev.ironbox.managed";
    public static final String OWNER_PID = "dev.ironbox.owner.pid";
    public static final String OWNER_STARTED = "dev.ironbox.owner.started";
    /** The owner's start in clock ticks since boot ({@link ProcessStartTicks}): exact where the instant is not. */
    public static final String OWNER_START_TICKS = "dev.ironbox.owner.startticks";
    public static final String OWNER_BOOT = "dev.ironbox.owner.boot";
    public static final String OWNER_PID_NAMESPACE = "dev.ironbox.owner.pidns";
    public static final String POLICY = "dev.ironbox.policy";
    /**
     * Set by a runtime whose owners are leases it keeps itself (Kubernetes), on what it lists: whether the owner's
     * lease is {@link #LEASE_HELD} (renewed), {@link #LEASE_EXPIRED} or {@link #LEASE_MISSING}. It decides liveness
     * where it is present: a pid means nothing on another machine.
     */
    public static final String OWNER_LEASE = "dev.ironbox.owner-lease";
    public static final String LEASE_HELD = "held";
    public static final String LEASE_EXPIRED = "expired";
    public static final String LEASE_MISSING = "missing";

    private OwnerLabels() {}

    /** Labels for a container owned by the current process. */
    public static Map<String, String> forCurrentProcess(String policy) {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Object::toString).orElse(OwnerPlace.UNKNOWN);
        OwnerPlace here = OwnerPlace.current();
        return Map.of(
                // empty: the runtime has no Lease to say; set so an image's LABEL of that name cannot speak instead
                OWNER_LEASE, "",
                MANAGED, "true",
                OWNER_PID, Long.toString(self.pid()),
                OWNER_STARTED, started,
                OWNER_START_TICKS, ProcessStartTicks.of(self.pid()).orElse(OwnerPlace.UNKNOWN),
                OWNER_BOOT, here.bootId(),
                OWNER_PID_NAMESPACE, here.pidNamespace(),
                POLICY, policy);
    }

    public static String currentPid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    /** The place the owner labels record; {@link OwnerPlace#UNKNOWN} parts for labels missing (an older Ironbox's). */
    public static OwnerPlace place(Map<String, String> labels) {
        return new OwnerPlace(labels.getOrDefault(OWNER_BOOT, OwnerPlace.UNKNOWN),
                labels.getOrDefault(OWNER_PID_NAMESPACE, OwnerPlace.UNKNOWN));
    }
}
