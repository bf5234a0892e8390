package dev.ironbox.core.service;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.port.out.ExecPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills an exec'd command and everything it started. Engines cannot kill an exec, so each exec carries a unique
 * marker variable that its children inherit, and a second exec SIGKILLs every process whose environment holds it.
 * Needs {@code sh}, {@code tr}, {@code grep} and {@code kill} in the image (busybox has them).
 */
final class ExecKiller {

    static final String MARKER_VARIABLE = "IRONBOX_EXEC_ID";

    private static final Logger LOG = LoggerFactory.getLogger(ExecKiller.class);
    private static final String KILL_SCRIPT = "for pass in 1 2; do for d in /proc/[0-9]*; do "
            + "if tr '\\0' '\\n' < \"$d/environ\" 2>/dev/null | grep -qx \"" + MARKER_VARIABLE + "=$1\"; then "
            + "kill -9 \"${d#/proc/}\" 2>/dev/null; fi; done; done";

    private ExecKiller() {}

    static String newMarker() {
        return UUID.randomUUID().toString();
    }

    static void kill(ExecPort exec, ContainerId container, String marker, String user) throws InterruptedException {
        ExecSpec killer = ExecSpec.builder()
                .command(List.of("sh", "-c", KILL_SCRIPT, "ironbox-exec-killer", marker))
                .env(Map.of())
                .user(user)
                .workingDir("/")
                .build();
        try {
            if (exec.exec(container, killer, chunk -> {}, Duration.ofSeconds(10)).isEmpty()) {
                LOG.warn("killing exec {} in {} did not finish within 10 s", marker, container);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not kill exec {} in {}: {}", marker, container, e.getMessage());
        }
    }
}
