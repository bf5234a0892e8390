package dev.ironbox.core.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A command to run inside an existing container. */
@Value.Immutable
public abstract class ExecSpecDef {

    /** The argv, run directly (no shell). */
    public abstract List<String> command();

    /** Variables added for this command, over the container's own. */
    public abstract Map<String, String> env();

    /** {@code uid:gid} to run as; empty (the default): the container's own user, as it was created. */
    @Value.Default
    public String user() {
        return "";
    }

    /** Absolute path the command starts in. Default {@code /workspace}. */
    @Value.Default
    public String workingDir() {
        return "/workspace";
    }
}
