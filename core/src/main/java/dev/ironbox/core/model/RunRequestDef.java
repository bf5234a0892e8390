package dev.ironbox.core.model;

import dev.ironbox.core.error.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** One command to run in a fresh sandbox. */
@Value.Immutable
public abstract class RunRequestDef {

    /** The most a command's standard input may hold: it is held in memory until the command has read it. */
    public static final int MAX_STDIN_BYTES = 16 << 20;

    /** The argv, run directly (no shell). Use {@code sh -c '...'} for shell syntax. */
    public abstract List<String> command();

    /** Host directory mounted at {@code /workspace}. */
    public abstract Path workspace();

    /** How much the command may touch (workspace read-only by default). Default {@link SandboxPolicy#READ_ONLY}. */
    @Value.Default
    public SandboxPolicy policy() {
        return SandboxPolicy.READ_ONLY;
    }

    /** Memory, CPU, pids, timeout, output budget and {@code /tmp} size; defaults as in {@link ResourceLimits}. */
    @Value.Default
    public ResourceLimits limits() {
        return ResourceLimits.builder().build();
    }

    /** Variables the command sees: names non-empty without {@code =} or NUL, values without NUL, each pair within
     * the kernel's limit for one variable. */
    public abstract Map<String, String> env();

    /** The image reference ({@code name[:tag]} or by digest); pulled or built when absent, as the settings say. */
    public abstract String image();

    /**
     * Where the command may connect, through Ironbox's egress proxy, and which credentials the proxy adds. The
     * default allows nothing, and a run that may reach nothing keeps network {@code none}.
     */
    @Value.Default
    public dev.ironbox.core.model.egress.EgressPolicy egress() {
        return dev.ironbox.core.model.egress.EgressPolicy.denyAll();
    }

    /**
     * What the command reads on its standard input, then end-of-file; default empty: end-of-file at once. At most
     * {@link #MAX_STDIN_BYTES}. A run with input never takes a warm pool's sandbox (the pool's hand-over is that
     * sandbox's standard input).
     */
    @Value.Default
    public byte[] stdin() {
        return new byte[0];
    }

    /**
     * Immutables' check on build.
     *
     * @throws InvalidConfigurationException when the command is empty, the image blank or not a usable reference,
     *     or a variable is invalid
     */
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
        StandardInput.check(stdin());
    }
}
