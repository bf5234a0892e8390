package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.model.ExecSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The argv an {@link dev.ironbox.core.model.ExecSpec} becomes on Kubernetes, whose exec carries nothing but an argv
 * (no environment, working directory or user):
 *
 * <pre>env NAME=VALUE... sh -c SCRIPT ironbox-exec DIR N|- argv...</pre>
 *
 * <ul>
 *   <li>the variables go first through {@code env}, so the exec's root process (the one whose parent is outside the
 *       container) carries them in its own {@code /proc/PID/environ}, as an engine's exec does: core's
 *       {@code ExecKiller} finds an exec by its marker variable there. Omitted when there are none;
 *   <li>{@code SCRIPT} changes to {@code DIR} (126 when it cannot, as an engine that cannot enter the working
 *       directory), then either {@code exec}s the command (no input: the command becomes the root itself) or, with
 *       input, runs {@code head -c N | command}: the API server's exec protocol (v4, the only one fabric8 speaks) has
 *       no way to close the input, so the process would never see end-of-file; {@code head} ends the input after
 *       exactly the {@code N} bytes sent. The pipeline's status is the command's, so exit codes keep their meaning
 *       (127 / 126 from {@code sh} for a missing / non-executable command, as on the engines).
 * </ul>
 *
 * So an image needs {@code sh}, and {@code env} / {@code head} when there are variables / input (busybox has them).
 */
final class ExecCommand {

    /** {@code $1} directory, {@code $2} input length or {@code -}, the rest the command. */
    static final String SCRIPT = "cd -- \"$1\" || exit 126; n=$2; shift 2; "
            + "if [ \"$n\" = - ]; then exec \"$@\"; fi; "
            // without head the command would run on an empty input: say so, as a missing command (127)
            + "command -v head >/dev/null || { echo 'ironbox: the image has no head, which an exec with input needs'"
            + " >&2; exit 127; }; head -c \"$n\" | \"$@\"";
    private static final String NO_INPUT = "-";

    private ExecCommand() {}

    /**
     * @param inputBytes the exact length of the input to be sent, or empty when the exec has no input
     * @throws ContainerFailureException when the spec asks for another user than the container's, or a variable name
     *     {@code env} cannot pass
     */
    static List<String> argv(ExecSpec spec, OptionalLong inputBytes) {
        if (!spec.user().isEmpty()) {
            // the API server's exec has no user: every exec runs as the pod's (securityContext) user
            throw new ContainerFailureException("an exec on Kubernetes runs as the pod's user; it cannot run as "
                    + spec.user());
        }
        if (spec.command().isEmpty()) {
            throw new ContainerFailureException("an exec needs a command");
        }
        List<String> argv = new ArrayList<>();
        if (!spec.env().isEmpty()) {
            argv.add("env");
            for (Map.Entry<String, String> variable : spec.env().entrySet()) {
                String name = variable.getKey();
                if (name.isEmpty() || name.contains("=") || name.startsWith("-")) {
                    throw new ContainerFailureException("cannot pass the environment variable '" + name
                            + "' to an exec on Kubernetes: a name must be non-empty, hold no '=' and not start with '-'");
                }
                argv.add(name + "=" + variable.getValue());
            }
        }
        argv.addAll(List.of("sh", "-c", SCRIPT, "ironbox-exec", spec.workingDir()));
        argv.add(inputBytes.isPresent() ? Long.toString(inputBytes.getAsLong()) : NO_INPUT);
        argv.addAll(spec.command());
        return argv;
    }
}
