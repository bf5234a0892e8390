package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** One command to run in a session. */
@Value.Immutable
public abstract class SessionExecRequestDef {

    /** The session to run in, as {@code session start} printed it. */
    public abstract String sessionId();

    /** The argv, run directly (no shell). */
    public abstract List<String> command();

    /** Added to the session's variables; these win. */
    public abstract Map<String, String> env();

    /** Only the timeout and the output budget apply; the session's container limits bound the rest. */
    @Value.Default
    public ResourceLimits limits() {
        return ResourceLimits.builder().build();
    }

    /**
     * What the command reads on its standard input, then end-of-file; default empty: end-of-file at once. At most
     * {@link RunRequestDef#MAX_STDIN_BYTES}.
     */
    @Value.Default
    public byte[] stdin() {
        return new byte[0];
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when the command is empty or its program blank, or a variable is invalid
     */
    @Value.Check
    protected void check() {
        if (command().isEmpty() || command().get(0).isBlank()) {
            throw new InvalidConfigurationException("empty command: give the program to run");
        }
        EnvironmentVariables.check(env());
        StandardInput.check(stdin());
    }
}
