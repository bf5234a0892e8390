package dev.ironbox.core.pool;

import dev.ironbox.core.model.RunRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one line a warm container's {@link WarmShim} reads and {@code eval}s: the run's argv and environment, for
 * example {@code set -- 'sh' '-c' 'echo "$A"' && unset PWD OLDPWD SHLVL && export 'A=it'\''s' && exec "$@"}.
 *
 * <p>Every word is single-quoted ({@code '} as {@code '\''}), so nothing in it is expanded or run by the shell, and a
 * newline inside a word is written {@code '"$ironbox_n"'} (the shim's newline), so the whole hand-over is one line.
 * The argv goes first into the positional parameters and all variables into one {@code export}, so every word is
 * expanded before any variable of the run (one named {@code ironbox_n}, say) changes. The working directory needs no
 * {@code cd}: the container's is already the run's ({@code /workspace}).
 *
 * <p>Some requests cannot travel so and run cold ({@link #line} is empty): a variable whose name is no shell name
 * (the engine passes {@code A.B=1}, {@code export} refuses it) or one bash keeps for itself ({@code UID},
 * {@code RANDOM}, ...), a program whose name starts with {@code -} (which
 * {@code exec} would read as an option), a NUL, or a line over {@link #MAX_BYTES} (the shim's {@code read} takes a
 * byte at a time).
 */
public final class HandOver {

    /** Longer lines run cold: reading them would cost more than a cold start. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * Names a shell keeps for itself when {@code sh} is bash (read-only ones refuse {@code export}, others get new
     * values): runs that set them go cold, so their command sees exactly what they asked for.
     */
    private static final Pattern SHELL_OWNED = Pattern.compile(
            "UID|EUID|PPID|GROUPS|SHELLOPTS|BASHOPTS|BASHPID|BASH_.*|RANDOM|SRANDOM|LINENO|SECONDS|FUNCNAME|HISTCMD"
                    + "|EPOCHSECONDS|EPOCHREALTIME");

    private HandOver() {}

    /** The line for {@code request}, newline included, or empty when it must run cold. */
    public static Optional<byte[]> line(RunRequest request) {
        if (request.command().get(0).startsWith("-")) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("set --");
        for (String word : request.command()) {
            if (word.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            line.append(' ').append(quote(word));
        }
        line.append(" && unset PWD OLDPWD SHLVL");
        if (!request.env().isEmpty()) {
            line.append(" && export");
            for (Map.Entry<String, String> variable : request.env().entrySet()) {
                if (!SHELL_NAME.matcher(variable.getKey()).matches()
                        || SHELL_OWNED.matcher(variable.getKey()).matches()) {
                    return Optional.empty();
                }
                line.append(' ').append(quote(variable.getKey() + "=" + variable.getValue()));
            }
        }
        line.append(" && exec \"$@\"\n");
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length > MAX_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    /** One word, single-quoted, its newlines as the shim's newline variable. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''").replace("\n", "'\"$ironbox_n\"'") + "'";
    }
}
