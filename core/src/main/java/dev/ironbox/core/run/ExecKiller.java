package dev.ironbox.core.run;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.port.out.ExecPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills an exec'd command and everything it started. Engines cannot kill an exec, so each exec is started through a
 * tiny shell wrapper that carries a unique marker variable, records its pid in {@code /tmp} (for the idle watchdog)
 * and stays the command's parent; at the deadline a second, fresh exec finds the command's processes in {@code /proc}
 * and stops, then SIGKILLs them. What it kills (see {@code docs/decisions/session-backstops.md}):
 *
 * <ul>
 *   <li>the exec's root (a process whose parent is outside the container, PPid 0, carrying the marker) and every
 *       process that carries the marker;
 *   <li>every orphan (reparented to PID 1) that the kernel started at or after the exec began, whatever its
 *       environment or name: its start time ({@code /proc/PID/stat} field 22) cannot be forged. The exec's start is
 *       its root's start time, or, when the root is gone, the killer's own start minus the time the caller measured
 *       since the exec began ({@code /proc/uptime} gives the tick rate), less a 2 s margin;
 *   <li>every descendant of those, through {@code PPid};
 *   <li>the whole process group of the root and of each marked process (one atomic signal, so a process that forks
 *       and exits in a loop cannot outrun it unless it also leaves the group).
 * </ul>
 *
 * Never PID 1, the killer, other execs' roots (PPid 0, no marker) and their trees, nor processes started before the
 * exec began that are not its own (a background process of an earlier exec, the idle watchdog). Orphans of another
 * exec that started while this one ran are killed too: once reparented, nothing says whose they were.
 *
 * <p>It stops what it finds, scans again (twice per round, so a process born during a scan is looked at), until a
 * scan finds nothing new; then SIGKILLs, and succeeds (exit 0) only when a last scan finds none of them alive. The
 * script reads only {@code /proc} (never the pid file, which the sandbox can rewrite or replace with a FIFO), parses a stat line
 * from its last {@code ") "} (a process name may hold spaces, parentheses or newlines) and runs under a deadline; a
 * kill that is not confirmed is reported to the caller, which stops the session (fail closed). It runs as the
 * sandbox's user and so can be interfered with by the sandbox; what it cannot stop, the session's host-enforced
 * lifetime does. Needs {@code sh}, {@code tr}, {@code grep}, {@code cat} and {@code sleep} (busybox has them).
 */
public final class ExecKiller {

    public static final String MARKER_VARIABLE = "IRONBOX_EXEC_ID";

    private static final Logger LOG = LoggerFactory.getLogger(ExecKiller.class);

    /** How long the killer may take; past it, or on any failure, the kill counts as unconfirmed. */
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(20);

    /**
     * Records the wrapper's pid for the watchdog, then runs the command as its child and exits with its status. The
     * wrapper stays the exec's root (the process whose parent is outside the container) with the marker in its
     * environment, which the command cannot rewrite (an {@code exec} would: hence no {@code exec} here).
     */
    private static final String WRAPPER = "echo $$ > /tmp/.ironbox-exec-$" + MARKER_VARIABLE + " 2>/dev/null; "
            + "\"$@\"; exit $?";
    /**
     * As {@link #WRAPPER}, then reading what is left of the input (a command with input): an engine that still holds
     * input when the command ended must not fail its write (Podman 4.3 then cuts the exec's output, the command's last
     * words lost). The command's exit status stays the exec's.
     */
    private static final String WRAPPER_DRAINING = "echo $$ > /tmp/.ironbox-exec-$" + MARKER_VARIABLE
            + " 2>/dev/null; \"$@\"; ironbox_s=$?; cat >/dev/null 2>&1; exit $ironbox_s";

    /**
     * {@code $1}: centiseconds since the exec began (0 when unknown), {@code $2}: the marker, {@code $3}: 1 when PID 1's
     * oldest child is the session's idle watchdog ({@link ExecPort#mainCommandIsInitsChild()}), else 0.
     */
    private static final String KILL_SCRIPT = String.join("\n",
            "exec 2>/dev/null; el=$1; m=$2; me=$$",
            // st PID: S state, P ppid, G process group, B start time (ticks); false when gone or unparsable
            "st() { q=$1; l=; IFS= read -r l < \"/proc/$q/stat\" || [ -n \"$l\" ] || return 1",
            "  set -f; set -- ${l##*) }; set +f",
            "  if [ $# -lt 20 ]; then l=$(cat \"/proc/$q/stat\") || return 1",
            "    set -f; set -- ${l##*) }; set +f; [ $# -ge 20 ] || return 1; fi",
            "  S=$1; P=$2; G=$3; B=${20}; }",
            // marked PID: whether it carries the marker (each pid read once); remembers its process group
            "seen=' '; mk=' '; groups=",
            "marked() { case \"$seen\" in *\" $1 \"*) ;; *) seen=\"$seen$1 \"",
            "    if tr '\\0' '\\n' < \"/proc/$1/environ\" | grep -qxF \"" + MARKER_VARIABLE + "=$m\"; then",
            "      mk=\"$mk$1 \"; case \"$G\" in 0|1|$me) ;; *) groups=\"$groups -$G\";; esac; fi;; esac",
            "  case \"$mk\" in *\" $1 \"*) return 0;; esac; return 1; }",
            // the exec began when its marked root started (else estimated below); PID 1's first child is the watchdog
            "t=; wd=; wb=; for d in /proc/[0-9]*; do p=${d#/proc/}; [ \"$p\" = \"$me\" ] && continue; st $p || continue",
            "  case \"$P\" in 0) marked $p && { [ -z \"$t\" ] || [ \"$B\" -lt \"$t\" ]; } && t=$B;;",
            "    1) { [ -z \"$wb\" ] || [ \"$B\" -lt \"$wb\" ]; } && { wd=$p; wb=$B; };; esac; done",
            // $3 = 0: PID 1 is not the sandbox's init (a pod's pause container); its children are only orphans
            "[ \"$3\" = 1 ] || wd=",
            "[ -n \"$groups\" ] && kill -STOP -- $groups",
            // else estimate it from the caller's clock, 2 s early
            "if [ -z \"$t\" ]; then st $me || exit 4; read u x < /proc/uptime || exit 4",
            "  u=$(( ${u%.*} * 100 + 1${u#*.} - 100 )); t=$(( B - (el + 200) * B / (u > 0 ? u : 1) )); fi",
            "look() { [ \"$1\" = \"$wd\" ] && return 0; st $1 || return 0; case $S in Z|X) return 0;; esac",
            "  all=\"$all$1:$P \"",
            "  case \"$P\" in 0|1) if marked $1 || { [ \"$P\" = 1 ] && [ \"$B\" -ge \"$t\" ]; }; then",
            "    ours=\"$ours$1 \"; fi;; esac; }",
            // scan: ours = the exec's live processes; /proc is listed twice so one born meanwhile is seen
            "scan() { ours=' '; all=; l1=' '; for d in /proc/[0-9]*; do p=${d#/proc/}; l1=\"$l1$p \"",
            "    case \"$p\" in 1|\"$me\") ;; *) look $p;; esac; done",
            "  for d in /proc/[0-9]*; do p=${d#/proc/}; case \"$l1\" in *\" $p \"*) ;; *) look $p;; esac; done",
            "  c=1; while [ $c = 1 ]; do c=0; for e in $all; do p=${e%:*}",
            "    case \"$ours\" in *\" $p \"*) continue;; esac",
            "    case \"$ours\" in *\" ${e#*:} \"*) ours=\"$ours$p \"; c=1;; esac; done; done; }",
            "stopped=' '; i=0",
            "while [ $i -lt 40 ]; do scan; new=",
            "  for p in $ours; do case \"$stopped\" in *\" $p \"*) ;; *) new=\"$new $p\";; esac; done",
            "  [ -z \"$new\" ] && break",
            "  kill -STOP $new; stopped=\"$stopped${new# } \"; i=$((i+1)); done",
            "[ $i -lt 40 ] || exit 3",
            "kill -KILL $stopped; [ -n \"$groups\" ] && kill -KILL -- $groups",
            "rm -f \"/tmp/.ironbox-exec-$m\"",
            "i=0; while [ $i -lt 10 ]; do scan; [ \"$ours\" = ' ' ] && exit 0",
            "  kill -KILL $ours; sleep 1; i=$((i+1)); done",
            "exit 3");

    private ExecKiller() {}

    public static String newMarker() {
        return UUID.randomUUID().toString();
    }

    /** {@code command} wrapped so that {@link #kill} can find it by pid as well as by marker. */
    public static List<String> wrap(List<String> command) {
        return wrap(command, false);
    }

    /** As {@link #wrap(List)}; with {@code drainInput}, what the command left of its input is read after it ended. */
    public static List<String> wrap(List<String> command, boolean drainInput) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", drainInput ? WRAPPER_DRAINING : WRAPPER,
                "ironbox-exec"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * As {@link #kill(ExecPort, ContainerId, String, String, Duration)} when the caller does not know when the exec
     * began: orphans that scrubbed the marker are then found only while the exec's root lives.
     */
    public static boolean kill(ExecPort exec, ContainerId container, String marker, String user)
            throws InterruptedException {
        return kill(exec, container, marker, user, Duration.ZERO);
    }

    /**
     * Kills the exec with {@code marker} and what it started.
     *
     * @param sinceStart how long ago (by the caller's clock) the exec was started
     * @return whether the kill was confirmed: false when the killer could not run, did not finish within its
     *     deadline, or found processes of the exec still alive
     */
    static boolean kill(ExecPort exec, ContainerId container, String marker, String user, Duration sinceStart)
            throws InterruptedException {
        long centiseconds = Math.max(0, (sinceStart.toMillis() + 9) / 10);
        ExecSpec killer = ExecSpec.builder()
                .command(List.of("sh", "-c", KILL_SCRIPT, "ironbox-exec-killer", Long.toString(centiseconds),
                        marker, exec.mainCommandIsInitsChild() ? "1" : "0"))
                .env(Map.of())
                .user(user)
                .workingDir("/")
                .build();
        try {
            OptionalInt code = exec.exec(container, killer, chunk -> {}, KILL_DEADLINE);
            if (code.isEmpty()) {
                LOG.warn("killing exec {} in {} did not finish within {} s", marker, container,
                        KILL_DEADLINE.toSeconds());
                return false;
            }
            if (code.getAsInt() != 0) {
                LOG.warn("killing exec {} in {} was not confirmed (exit {})", marker, container, code.getAsInt());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not kill exec {} in {}: {}", marker, container, e.getMessage());
            return false;
        }
    }
}
