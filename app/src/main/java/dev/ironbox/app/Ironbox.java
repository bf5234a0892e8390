package dev.ironbox.app;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ironbox for Java programs: one sandbox, opened once (one engine client reused by every run), closed with
 * {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (Ironbox ironbox = Ironbox.builder()
 *         .policy(SandboxPolicy.WORKSPACE_WRITE)
 *         .workspace(Path.of("."))
 *         .limits(ResourceLimits.builder().timeout(Duration.ofSeconds(30)).build())
 *         .env("K", "V")
 *         .build()) {
 *     RunResult r = ironbox.run("sh", "-c", "echo hi");
 * }
 * }</pre>
 *
 * Errors are typed: bad configuration is an {@link InvalidConfigurationException}, a refused policy a
 * {@link PolicyRefusedException}, an unreachable engine an {@link EngineUnavailableException}. A command's own
 * failure, timeout or OOM kill is a value in its {@link RunResult}.
 */
public final class Ironbox implements AutoCloseable {

    private final Sandbox sandbox;
    private final Builder defaults;

    private Ironbox(Sandbox sandbox, Builder defaults) {
        this.sandbox = sandbox;
        this.defaults = defaults;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The runtime id the sandbox runs on. */
    public String runtimeId() {
        return sandbox.runtimeId();
    }

    /** Runs {@code command} (argv, no shell) with the builder's defaults. */
    public RunResult run(String... command) throws InterruptedException {
        return run(List.of(command));
    }

    /** Runs {@code command} (argv, no shell) with the builder's defaults. */
    public RunResult run(List<String> command) throws InterruptedException {
        return run(command, chunk -> {});
    }

    /** Runs {@code command}, delivering output to {@code live} as it arrives (on another thread). */
    public RunResult run(List<String> command, Consumer<OutputChunk> live) throws InterruptedException {
        return run(request(command), live);
    }

    /** Runs a request built by hand, e.g. from {@link #request(List)} with one field changed. */
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return sandbox.run(request, live);
    }

    /** The request {@link #run(List)} would send: the builder's defaults around {@code command}. */
    public RunRequest request(List<String> command) {
        return defaults.request(command);
    }

    /** Runs {@code command} in the running container {@code container}, with the builder's env and limits. */
    public RunResult exec(ContainerId container, List<String> command) throws InterruptedException {
        return exec(container, command, chunk -> {});
    }

    /** As {@link #exec(ContainerId, List)}, delivering output to {@code live} as it arrives. */
    public RunResult exec(ContainerId container, List<String> command, Consumer<OutputChunk> live)
            throws InterruptedException {
        ExecRequest request = ExecRequest.builder()
                .container(container)
                .command(command)
                .env(defaults.env)
                .limits(defaults.limits)
                .image(defaults.image)
                .policy(defaults.policy)
                .build();
        return sandbox.exec(request, live);
    }

    /** Kills and removes the containers still running, and releases the engine client. Never throws. */
    @Override
    public void close() {
        sandbox.close();
    }

    /** Configures and opens an {@link Ironbox}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {

        private String runtime = "docker";
        private SandboxPolicy policy = SandboxPolicy.READ_ONLY;
        private Path workspace = Path.of("");
        private String image = SandboxSettings.DEFAULT_IMAGE;
        private ResourceLimits limits = ResourceLimits.builder().build();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean allowFullAccess;
        private boolean pullMissingImages = true;

        private Builder() {}

        /** The runtime id; default {@code docker}. */
        public Builder runtime(String runtime) {
            this.runtime = required(runtime, "runtime");
            return this;
        }

        /** Default {@link SandboxPolicy#READ_ONLY}. */
        public Builder policy(SandboxPolicy policy) {
            this.policy = required(policy, "policy");
            return this;
        }

        /** Host directory mounted at {@code /workspace}; default the current directory. */
        public Builder workspace(Path workspace) {
            this.workspace = required(workspace, "workspace");
            return this;
        }

        /** Default {@link SandboxSettings#DEFAULT_IMAGE}, built locally when absent. */
        public Builder image(String image) {
            this.image = required(image, "image");
            return this;
        }

        /** Default {@code ResourceLimits.builder().build()}. */
        public Builder limits(ResourceLimits limits) {
            this.limits = required(limits, "limits");
            return this;
        }

        /** Adds one environment variable for every command. */
        public Builder env(String name, String value) {
            required(name, "environment variable name");
            required(value, "value of environment variable " + name);
            env.put(name, value);
            return this;
        }

        /** Adds environment variables for every command. */
        public Builder env(Map<String, String> variables) {
            required(variables, "environment").forEach(this::env);
            return this;
        }

        /** Permit {@link SandboxPolicy#FULL_ACCESS} (commands on the host, unsandboxed). Default {@code false}. */
        public Builder allowFullAccess(boolean allowFullAccess) {
            this.allowFullAccess = allowFullAccess;
            return this;
        }

        /** Try to pull an absent image. Default {@code true}. */
        public Builder pullMissingImages(boolean pullMissingImages) {
            this.pullMissingImages = pullMissingImages;
            return this;
        }

        /**
         * Checks the configuration, then connects to the runtime once.
         *
         * @throws InvalidConfigurationException for an unknown runtime, a missing workspace, a blank image or a bad
         *     environment variable name
         * @throws PolicyRefusedException for {@link SandboxPolicy#FULL_ACCESS} without {@link #allowFullAccess}
         * @throws EngineUnavailableException when the runtime's engine cannot be reached
         */
        public Ironbox build() {
            return build(IronboxComponent.forThisProcess().sandboxFactory());
        }

        Ironbox build(SandboxFactory factory) {
            Builder frozen = validated(factory.knownRuntimes());
            SandboxSettings settings = SandboxSettings.builder()
                    .defaultImage(frozen.image)
                    .allowFullAccess(frozen.allowFullAccess)
                    .pullMissingImages(frozen.pullMissingImages)
                    .build();
            return new Ironbox(factory.open(frozen.runtime, settings), frozen);
        }

        /** A checked copy, so later changes to this builder do not reach an Ironbox already built. */
        private Builder validated(List<String> knownRuntimes) {
            if (!knownRuntimes.contains(runtime)) {
                throw new InvalidConfigurationException(
                        "unknown runtime '" + runtime + "'; known runtimes: " + String.join(", ", knownRuntimes));
            }
            if (image.isBlank()) {
                throw new InvalidConfigurationException("empty image name");
            }
            Path absolute = workspace.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                throw new InvalidConfigurationException("workspace " + absolute
                        + (Files.exists(absolute) ? " is not a directory" : " does not exist"));
            }
            if (policy == SandboxPolicy.FULL_ACCESS && !allowFullAccess) {
                throw new PolicyRefusedException("policy full_access runs commands on the host without a sandbox; "
                        + "enable it explicitly with allowFullAccess(true)");
            }
            Builder copy = new Builder();
            copy.runtime = runtime;
            copy.policy = policy;
            copy.workspace = absolute;
            copy.image = image;
            copy.limits = limits;
            copy.env.putAll(env);
            copy.allowFullAccess = allowFullAccess;
            copy.pullMissingImages = pullMissingImages;
            copy.request(List.of("true"));
            return copy;
        }

        private RunRequest request(List<String> command) {
            return RunRequest.builder().command(command).workspace(workspace).policy(policy).limits(limits)
                    .env(env).image(image).build();
        }

        private static <T> T required(T value, String what) {
            if (value == null) {
                throw new InvalidConfigurationException(what + " must not be null");
            }
            return value;
        }
    }
}
