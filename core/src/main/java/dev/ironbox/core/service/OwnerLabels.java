package dev.ironbox.core.service;

import java.util.Map;

/**
 * Labels that mark a container as Ironbox's and name the process that owns it, so a sweep can find containers
 * whose owner died (the owner's start time guards against a reused pid).
 */
public final class OwnerLabels {

    public static final String MANAGED = "dev.ironbox.managed";
    public static final String OWNER_PID = "dev.ironbox.owner.pid";
    public static final String OWNER_STARTED = "dev.ironbox.owner.started";
    public static final String POLICY = "dev.ironbox.policy";

    private OwnerLabels() {}

    /** Labels for a container owned by the current process. */
    public static Map<String, String> forCurrentProcess(String policy) {
        ProcessHandle self = ProcessHandle.current();
        String started = self.info().startInstant().map(Object::toString).orElse("unknown");
        return Map.of(
                MANAGED, "true",
                OWNER_PID, Long.toString(self.pid()),
                OWNER_STARTED, started,
                POLICY, policy);
    }

    public static String currentPid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
