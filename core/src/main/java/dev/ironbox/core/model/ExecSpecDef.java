package dev.ironbox.core.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** A command to run inside an existing container. */
@Value.Immutable
public abstract class ExecSpecDef {

    public abstract List<String> command();

    public abstract Map<String, String> env();

    @Value.Default
    public String user() {
        return "1000:1000";
    }

    @Value.Default
    public String workingDir() {
        return "/workspace";
    }
}
