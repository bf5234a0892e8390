package dev.ironbox.app;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.Path;
import java.util.List;
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
 *         .allowDomain("api.github.com", "*.example.com:8443")   // network, through the egress proxy
 *         .build()) {
 *     RunResult r = ironbox.run("sh", "-c", "echo hi");
 * }
 * }</pre>
 *
 * Without an allowed host ({@link IronboxBuilder#allowDomain}, {@link IronboxBuilder#credential},
 * {@link IronboxBuilder#egress}, {@link IronboxBuilder#defaultDomains}, or the config file's {@code [network]} table),
 * runs have no network at all. With
 * one, each run sits on its own internal network whose only way out is an egress proxy on the host (started at the
 * first such run, stopped by {@link #close()}), and its result lists the proxy's decisions
 * ({@link RunResult#network()}).
 *
 * Errors are typed: bad configuration is an {@link InvalidConfigurationException}, a refused policy a
 * {@link PolicyRefusedException}, an unreachable engine an {@link EngineUnavailableException}. A command's own
 * failure, timeout or OOM kill is a value in its {@link RunResult}.
 */
public final class Ironbox implements AutoCloseable {

    private final Sandbox sandbox;
    private final IronboxOptions options;

    Ironbox(Sandbox sandbox, IronboxOptions options) {
        this.sandbox = sandbox;
        this.options = options;
    }

    public static IronboxBuilder builder() {
        return new IronboxBuilder();
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
}
