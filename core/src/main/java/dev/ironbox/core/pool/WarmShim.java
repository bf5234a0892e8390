package dev.ironbox.core.pool;

import java.time.Duration;
import java.util.List;

/**
 * A warm container's command: a POSIX {@code sh} script (busybox sh and dash; it needs only {@code sh}, {@code sleep}
 * and {@code kill}) that waits at most its max idle age for one line on its standard input, the {@link HandOver},
 * then runs it, which {@code exec}s the command.
 *
 * <p>Why each step: the timer is a subshell that kills the shim at the deadline, so an unclaimed container exits by
 * itself also when Ironbox died. Once the line came, the timer and its {@code sleep} are ended and reaped before the
 * command starts, so the command sees the process tree and the pids budget of a cold run (its trap kills {@code $!},
 * the {@code sleep}, also when the signal lands before its pid was known). The command's standard input is then
 * {@code /dev/null}, as in a cold run. Its variables are its own: the shim's are unexported {@code ironbox_*} ones,
 * and the hand-over unsets what {@code sh} itself exports ({@code PWD}, {@code OLDPWD}, {@code SHLVL}). A line that
 * does not end with a newline (a broken attach) runs nothing.
 */
final class WarmShim {

    static final String SCRIPT = String.join("\n",
            "ironbox_n='",
            "'",
            "( trap 'kill $! 2>/dev/null; wait; exit 0' TERM; sleep \"$1\" & wait $!; kill $$ ) & ironbox_w=$!",
            "IFS= read -r ironbox_h || exit 0",
            "kill $ironbox_w 2>/dev/null; wait $ironbox_w",
            "exec </dev/null",
            "eval \"$ironbox_h\"");

    private WarmShim() {}

    /** The container command of a shim that waits at most {@code maxIdleAge} (whole seconds, rounded up). */
    static List<String> command(Duration maxIdleAge) {
        return List.of("sh", "-c", SCRIPT, "ironbox-pooled", Long.toString(seconds(maxIdleAge)));
    }

    static long seconds(Duration age) {
        return age.getSeconds() + (age.getNano() > 0 ? 1 : 0);
    }
}
