package dev.ironbox.core.pool;

import java.time.Duration;
import java.util.List;

/**
 * A warm container's command: a POSIX {@code sh} script (busybox sh, bash and dash) that waits at most its max idle
 * age for one line on its standard input, the {@link HandOver}, then runs it, which {@code exec}s the command. So an
 * unclaimed container exits by itself, also when Ironbox died. A line that does not end with a newline (a broken
 * attach) runs nothing.
 *
 * <p>Why so: where {@code read -t} exists (busybox, bash) the wait needs no other process, so the command sees the
 * process tree and pids budget of a cold run. Where it does not (dash says so with status 2, before reading
 * anything), a timer subshell kills the shim at the deadline; once the line came, the timer and its {@code sleep} are
 * ended and reaped before the command starts (its trap kills {@code $!}, the {@code sleep}). A subshell signalled
 * before it armed its trap may miss the signal, so the pool never claims a container in its first moments
 * ({@link WarmContainer#readyNanos()}). The command's standard input is then {@code /dev/null}, as in a cold run. Its
 * variables are its own: the shim's are unexported {@code ironbox_*} ones, and the hand-over unsets what {@code sh}
 * itself exports ({@code PWD}, {@code OLDPWD}, {@code SHLVL}).
 */
final class WarmShim {

    static final String SCRIPT = String.join("\n",
            "ironbox_n='",
            "'",
            "IFS= read -r -t \"$1\" ironbox_h 2>/dev/null",
            "ironbox_r=$?",
            "if [ $ironbox_r = 2 ]; then",
            "  ( trap 'kill $! 2>/dev/null; wait; exit 0' TERM; sleep \"$1\" & wait $!; kill $$ ) & ironbox_w=$!",
            "  IFS= read -r ironbox_h || exit 0",
            "  kill $ironbox_w 2>/dev/null; wait $ironbox_w 2>/dev/null",
            "elif [ $ironbox_r != 0 ]; then",
            "  exit 0",
            "fi",
            "exec </dev/null",
            "eval \"$ironbox_h\"");

    private WarmShim() {}

    /**
     * How long the shim waits beyond the max idle age. The pool stops claiming a container before its max idle age;
     * a claim's hand-over may still take up to the adapters' attach timeout (30 s) under load, and a shim that gave up
     * meanwhile would exit 0 — a command reported as run that never ran. So the shim outwaits any hand-over begun in
     * time.
     */
    static final Duration GRACE = Duration.ofSeconds(45);

    /**
     * The container command of a shim that waits at most {@code maxIdleAge} plus {@link #GRACE} (whole seconds,
     * rounded up).
     */
    static List<String> command(Duration maxIdleAge) {
        return waitingAtMost(maxIdleAge.plus(GRACE));
    }

    /** The container command of a shim that waits at most {@code wait} (whole seconds, rounded up). */
    static List<String> waitingAtMost(Duration wait) {
        return List.of("sh", "-c", SCRIPT, "ironbox-pooled", Long.toString(seconds(wait)));
    }

    static long seconds(Duration age) {
        return age.getSeconds() + (age.getNano() > 0 ? 1 : 0);
    }
}
