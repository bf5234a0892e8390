package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** One command to run inside an existing sandbox container. */
@Value.Immutable
public abstract class ExecRequestDef {

    /** The running sandbox container to run in. */
    public abstract ContainerId container();

    /** The argv, run directly (no shell); must not be empty. */
    public abstract List<String> command();

    /** Variables added for this command only. */
    public abstract Map<String, String> env();

    /** Only the timeout and the output budget apply; the container's own limits bound the rest. */
    @Value.Default
    public ResourceLimits limits() {
        return ResourceLimits.builder().build();
    }

    /** The image the container was started from, reported in the result. */
    @Value.Default
    public String image() {
        return "";
    }

    /** The policy the container was started with, reported in the result. */
    @Value.Default
    public SandboxPolicy policy() {
        return SandboxPolicy.READ_ONLY;
    }

    /** What the command reads on its standard input, then end-of-file; default empty: end-of-file at once. */
    @Value.Default
    public byte[] stdin() {
        return new byte[0];
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when the command is empty or its program blank
     */
    @Value.Check
    protected void check() {
        if (command().isEmpty() || command().get(0).isBlank()) {
            throw new InvalidConfigurationException("empty command: give the program to run");
        }
    }
}
