package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** One command to run in a fresh sandbox. */
@Value.Immutable
public abstract class RunRequestDef {

    /** The argv, run directly (no shell). Use {@code sh -c '...'} for shell syntax. */
    public abstract List<String> command();

    /** Host directory mounted at {@code /workspace}. */
    public abstract Path workspace();

    @Value.Default
    public SandboxPolicy policy() {
        return SandboxPolicy.READ_ONLY;
    }

    @Value.Default
    public ResourceLimits limits() {
        return ResourceLimits.builder().build();
    }

    public abstract Map<String, String> env();

    public abstract String image();

    /**
     * Where the command may connect, through Ironbox's egress proxy, and which credentials the proxy adds. The
     * default allows nothing, and a run that may reach nothing keeps network {@code none}.
     */
    @Value.Default
    public dev.ironbox.core.model.egress.EgressPolicy egress() {
        return dev.ironbox.core.model.egress.EgressPolicy.denyAll();
    }

    @Value.Check
    protected void check() {
        if (command().isEmpty() || command().get(0).isBlank()) {
            throw new InvalidConfigurationException("empty command: give the program to run");
        }
        if (image().isBlank()) {
            throw new InvalidConfigurationException("empty image name");
        }
        ImageReference.requireUsable(image()); // bounded and checked here, before any engine sees it
        EnvironmentVariables.check(env());
    }
}
