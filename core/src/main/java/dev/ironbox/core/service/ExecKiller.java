package dev.ironbox.core.service;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.port.out.ExecPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills an exec'd command and everything it started. Engines cannot kill an exec, so each exec is started through
 * a tiny shell wrapper that records its pid in {@code /tmp} and carries a unique marker variable; at the deadline a
 * second exec stops and SIGKILLs the recorded process, every process whose environment holds the marker, and all
 * their descendants (found through {@code PPid}, so a child that scrubbed its environment is still found).
 * A process that double-forks away to PID 1 and scrubs its environment escapes; the container's own limits and
 * lifetime still bound it. Needs {@code sh}, {@code tr}, {@code grep}, {@code sed}, {@code cat} and {@code kill} in
 * the image (busybox has them).
 */
final class ExecKiller {

    static final String MARKER_VARIABLE = "IRONBOX_EXEC_ID";

    private static final Logger LOG = LoggerFactory.getLogger(ExecKiller.class);

    /** Records the wrapper's pid, then becomes the command (same pid), so the pid file names the command itself. */
    private static final String WRAPPER = "echo $$ > /tmp/.ironbox-exec-$" + MARKER_VARIABLE + " 2>/dev/null; "
            + "exec \"$@\"";

    private static final String KILL_SCRIPT = String.join("\n",
            "m=$1; f=/tmp/.ironbox-exec-$m",
            "roots() { cat \"$f\" 2>/dev/null; for d in /proc/[0-9]*; do",
            "  tr '\\0' '\\n' < \"$d/environ\" 2>/dev/null | grep -qx \"" + MARKER_VARIABLE + "=$m\" && echo \"${d#/proc/}\"",
            "done; }",
            "tree() { all=\" $(roots | tr '\\n' ' ') \"; changed=1; while [ $changed = 1 ]; do changed=0;",
            "  for d in /proc/[0-9]*; do p=${d#/proc/}; case \"$all\" in *\" $p \"*) continue;; esac",
            "    pp=$(sed -n 's/^PPid:[[:space:]]*//p' \"$d/status\" 2>/dev/null)",
            "    case \"$all\" in *\" $pp \"*) all=\"$all$p \"; changed=1;; esac",
            "  done; done; echo \"$all\" | tr ' ' '\\n' | grep -vx -e '' -e 1 -e \"$$\"; }",
            "kill -STOP $(tree) 2>/dev/null",
            "kill -KILL $(tree) 2>/dev/null",
            "rm -f \"$f\"",
            "exit 0");

    private ExecKiller() {}

    static String newMarker() {
        return UUID.randomUUID().toString();
    }

    /** {@code command} wrapped so that {@link #kill} can find it by pid as well as by marker. */
    static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", WRAPPER, "ironbox-exec"));
        wrapped.addAll(command);
        return wrapped;
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
