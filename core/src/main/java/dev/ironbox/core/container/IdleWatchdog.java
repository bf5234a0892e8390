package dev.ironbox.core.container;

import dev.ironbox.core.label.SessionLabels;
import java.time.Duration;
import java.util.List;

/**
 * A session container's main command: a POSIX {@code sh} loop (busybox sh and dash; it needs only {@code sh} and
 * {@code sleep}) that exits, stopping the container, once the session has been idle for its TTL.
 *
 * <p>Each tick it reads the pid files {@code /tmp/.ironbox-exec-*} that {@link dev.ironbox.core.run.ExecKiller#wrap} writes for every
 * exec. A file naming a live process means a command runs: the session is busy (an empty file is a command being
 * started). A file naming a finished process means a command ended since the last tick: activity; the file is removed
 * (when the image has {@code rm}), so files do not pile up over thousands of execs. Without {@code rm}, a different
 * number of files than at the last tick is the activity. Otherwise idle time grows by a tick. The loop is a child of
 * the container's init, never of an exec, so an exec's tree kill cannot reach it (it started before any exec). It is
 * hygiene, not a boundary: code in the session runs as the same user and can keep it busy or stop it (SIGSTOP);
 * {@link dev.ironbox.core.session.SessionBackstop} then ends the session from the host, at its TTL (plus a grace) after its last command, or
 * at its hard deadline.
 */
final class IdleWatchdog {

    /** {@code $1}: TTL in seconds, {@code $2}: tick in seconds. */
    private static final String SCRIPT = String.join("\n",
            "ttl=$1; tick=$2; idle=0; last=-1",
            "while :; do",
            "  n=0; busy=0",
            "  for f in /tmp/.ironbox-exec-*; do",
            "    [ -f \"$f\" ] || continue",
            "    pid=; read pid < \"$f\" 2>/dev/null",
            "    if [ -z \"$pid\" ] || [ -d \"/proc/$pid\" ]; then busy=1; n=$((n+1))",
            "    elif rm -f \"$f\" 2>/dev/null; then busy=1",
            "    else n=$((n+1)); fi",
            "  done",
            "  if [ $busy = 1 ] || [ $n != $last ]; then idle=0; else idle=$((idle+tick)); fi",
            "  last=$n",
            "  [ $idle -ge $ttl ] && exit 0",
            "  sleep $tick",
            "done");

    private IdleWatchdog() {}

    /** The container command for a session idle at most {@code ttl}. */
    static List<String> command(Duration ttl) {
        long seconds = SessionLabels.ttlSeconds(ttl);
        return List.of("sh", "-c", SCRIPT, "ironbox-session", Long.toString(seconds), Long.toString(tick(seconds)));
    }

    /** 1 s for a TTL up to a minute, so a short one is honoured closely; 5 s beyond, to stay cheap. */
    static long tick(long ttlSeconds) {
        return ttlSeconds <= 60 ? 1 : 5;
    }
}
