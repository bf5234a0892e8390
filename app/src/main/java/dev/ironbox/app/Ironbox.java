package dev.ironbox.app;

import dev.ironbox.cli.CliContext;
import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Ironbox for Java programs: one sandbox, opened once (one engine client reused by every run), closed with
 * {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (Ironbox ironbox = Ironbox.builder()
 *         .runtime("auto")                      // or "docker", "podman"; default: IRONBOX_RUNTIME, the config file, auto
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
    private final IronboxOptions options;

    private Ironbox(Sandbox sandbox, IronboxOptions options) {
        this.sandbox = sandbox;
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The runtime id the sandbox runs on (with {@code auto}: the one it picked). */
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
        return options.request(command);
    }

    /** Runs {@code command} in the running container {@code container}, with the builder's env and limits. */
    public RunResult exec(ContainerId container, List<String> command) throws InterruptedException {
        return exec(container, command, chunk -> {});
    }

    /** As {@link #exec(ContainerId, List)}, delivering output to {@code live} as it arrives. */
    public RunResult exec(ContainerId container, List<String> command, Consumer<OutputChunk> live)
            throws InterruptedException {
        return sandbox.exec(options.execRequest(container, command), live);
    }

    /** Kills and removes the containers still running, and releases the engine client. Never throws. */
    @Override
    public void close() {
        sandbox.close();
    }

    /** Configures and opens an {@link Ironbox}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {

        private String runtime;
        private Path configFile;
        private SandboxPolicy policy = SandboxPolicy.READ_ONLY;
        private Path workspace = Path.of("");
        private String image = SandboxSettings.DEFAULT_IMAGE;
        private ResourceLimits limits = ResourceLimits.builder().build();
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean allowFullAccess;
        private boolean pullMissingImages = true;

        private Builder() {}

        /**
         * {@code auto} (the first installed runtime that works, by priority), {@code docker}, {@code podman}, or a
         * third party's id. Default: {@code IRONBOX_RUNTIME}, else the config file's {@code runtime}, else auto.
         */
        public Builder runtime(String runtime) {
            this.runtime = IronboxOptions.required(runtime, "runtime");
            return this;
        }

        /** This config file (it must exist) instead of the lookup: IRONBOX_CONFIG, ./ironbox.toml, the user's. */
        public Builder configFile(Path configFile) {
            this.configFile = IronboxOptions.required(configFile, "configFile");
            return this;
        }

        /** Default {@link SandboxPolicy#READ_ONLY}. */
        public Builder policy(SandboxPolicy policy) {
            this.policy = IronboxOptions.required(policy, "policy");
            return this;
        }

        /** Host directory mounted at {@code /workspace}; default the current directory. */
        public Builder workspace(Path workspace) {
            this.workspace = IronboxOptions.required(workspace, "workspace");
            return this;
        }

        /** Default {@link SandboxSettings#DEFAULT_IMAGE}, built locally when absent. */
        public Builder image(String image) {
            this.image = IronboxOptions.required(image, "image");
            return this;
        }

        /** Default {@code ResourceLimits.builder().build()}. */
        public Builder limits(ResourceLimits limits) {
            this.limits = IronboxOptions.required(limits, "limits");
            return this;
        }

        /** Adds one environment variable for every command. */
        public Builder env(String name, String value) {
            IronboxOptions.required(name, "environment variable name");
            IronboxOptions.required(value, "value of environment variable " + name);
            env.put(name, value);
            return this;
        }

        /** Adds environment variables for every command. */
        public Builder env(Map<String, String> variables) {
            IronboxOptions.required(variables, "environment").forEach(this::env);
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
         * Checks the configuration, picks the runtime (see {@link #runtime}), then connects to it once.
         *
         * @throws InvalidConfigurationException for an unknown runtime, a missing workspace, a blank image, a bad
         *     environment variable name, or a config file that is missing or wrong
         * @throws PolicyRefusedException for {@link SandboxPolicy#FULL_ACCESS} without {@link #allowFullAccess}
         * @throws EngineUnavailableException when the runtime's engine (with {@code auto}: every engine) cannot be
         *     reached; the message says why for each
         */
        public Ironbox build() {
            return build(CliContext.system());
        }

        /** As {@link #build()}, with the environment and working directory of {@code context}. */
        Ironbox build(CliContext context) {
            ConfigLocation location = configFile == null ? ConfigLocation.lookup() : ConfigLocation.of(configFile);
            IronboxComponent component = DaggerIronboxComponent.factory().create(context, location);
            return build(component.sandboxFactory(), component.selectRuntime());
        }

        Ironbox build(SandboxFactory factory, SelectRuntimeUseCase selection) {
            IronboxOptions options = new IronboxOptions(policy, workspace, image, limits, env, allowFullAccess,
                    pullMissingImages);
            String chosen = selection.select(Optional.ofNullable(runtime)).runtime();
            return new Ironbox(factory.open(chosen, options.settings()), options);
        }
    }
}
