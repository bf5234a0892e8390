package dev.ironbox.core.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A command to run inside an existing container. */
@Value.Immutable
public abstract class ExecSpecDef {

    public abstract List<String> command();

    public abstract Map<String, String> env();

    /** {@code uid:gid} to run as; empty (the default): the container's own user, as it was created. */
    @Value.Default
    public String user() {
        return "";
    }

    @Value.Default
    public String workingDir() {
        return "/workspace";
    }
}
