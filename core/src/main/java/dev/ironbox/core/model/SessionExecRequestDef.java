package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** One command to run in a session. */
@Value.Immutable
public abstract class SessionExecRequestDef {

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

    @Value.Check
    protected void check() {
        if (command().isEmpty() || command().get(0).isBlank()) {
            throw new InvalidConfigurationException("empty command: give the program to run");
        }
        EnvironmentVariables.check(env());
    }
}
