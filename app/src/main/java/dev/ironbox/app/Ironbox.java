package dev.ironbox.app;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.PolicyRefusedException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
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
 * <p>Beyond {@link #run}: live output ({@link #run(List, Consumer)}), background runs that can be cancelled
 * ({@link #start} returns a {@link RunHandle}), sessions that run many commands in one container and copy files in
 * and out ({@link #session()} returns an {@link IronboxSession}), local images ({@link #buildImage},
 * {@link #buildHostToolsImage}, {@link #images()}) and the inventory ({@link #sandboxes()}, {@link #cleanup}).
 *
 * <p>Errors are typed: bad configuration is an {@link InvalidConfigurationException}, a refused policy a
 * {@link PolicyRefusedException}, an unreachable engine an {@link EngineUnavailableException}, a session that is
 * gone an {@link dev.ironbox.core.error.UnknownSessionException}. A command's own failure, timeout or OOM kill is a
 * value in its {@link RunResult}.
 */
public final class Ironbox implements AutoCloseable {

    private final Sandbox sandbox;
    private final IronboxOptions options;
    private final OpenWork open = new OpenWork();

    Ironbox(Sandbox sandbox, IronboxOptions options) {
        this.sandbox = sandbox;
        this.options = options;
    }

    /**
     * A builder with every setting at its default (the runtime and the config file looked up as the CLI does);
     * nothing connects to an engine until {@link IronboxBuilder#build()}.
     *
     * @return a new builder
     */
    public static IronboxBuilder builder() {
        return new IronboxBuilder();
    }

    /** The runtime id the sandbox runs on (with {@code auto}: the one it picked). */
    public String runtimeId() {
        return sandbox.runtimeId();
    }

    /**
     * Runs {@code command} (argv, no shell) with the builder's defaults.
     *
     * @param command the program and its arguments; the first must not be blank
     * @return the result: exit code, output (within the output budget), duration, timeout and OOM flags
     * @throws InterruptedException when this thread is interrupted; the container (and its network) is removed first
     */
    public RunResult run(String... command) throws InterruptedException {
        return run(List.of(command));
    }

    /**
     * Runs {@code command} (argv, no shell) with the builder's defaults.
     *
     * @param command the program and its arguments; the first must not be blank
     * @return the result: exit code, output (within the output budget), duration, timeout and OOM flags
     * @throws InterruptedException when this thread is interrupted; the container (and its network) is removed first
     */
    public RunResult run(List<String> command) throws InterruptedException {
        return run(command, chunk -> {});
    }

    /**
     * Runs {@code command}, delivering its output to {@code live} as it arrives, chunk by chunk, each tagged
     * {@link dev.ironbox.core.model.StreamType#STDOUT STDOUT} or {@code STDERR}, while the command still runs. The
     * consumer is called on another thread, one chunk at a time, in arrival order per stream; it should be quick. An
     * exception it throws stops later deliveries but not the run, whose result still holds all the output (up to the
     * output budget). A chunk may end inside a multi-byte UTF-8 character.
     *
     * @param command the program and its arguments; the first must not be blank
     * @param live called with each chunk of output as it arrives
     * @return the result: exit code, output (within the output budget), duration, timeout and OOM flags
     * @throws InterruptedException when this thread is interrupted; the container (and its network) is removed first
     */
    public RunResult run(List<String> command, Consumer<OutputChunk> live) throws InterruptedException {
        return run(request(command), live);
    }

    /**
     * Runs a request built by hand, e.g. from {@link #request(List)} with one field changed.
     *
     * @throws InterruptedException when this thread is interrupted; the container (and its network) is removed first
     */
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        IronboxOptions.required(request, "request");
        IronboxOptions.required(live, "live output consumer");
        open.refuseIfClosed();
        return sandbox.run(request, live);
    }

    /**
     * Starts {@code command} in the background and returns at once; {@link RunHandle#await()} waits for its result and
     * {@link RunHandle#cancel()} kills it and removes its container.
     */
    public RunHandle start(String... command) {
        return start(List.of(command), chunk -> {});
    }

    /** As {@link #start(String...)}, delivering output to {@code live} as it arrives (as {@code run} does). */
    public RunHandle start(List<String> command, Consumer<OutputChunk> live) {
        return start(request(command), live);
    }

    /**
     * As {@link #start(List, Consumer)}, for a request built by hand. Bad input shows at once; engine errors come from
     * {@link RunHandle#await()}.
     *
     * @throws InvalidConfigurationException for a null request or consumer
     */
    public RunHandle start(RunRequest request, Consumer<OutputChunk> live) {
        IronboxOptions.required(request, "request");
        IronboxOptions.required(live, "live output consumer");
        return open.track(() -> RunHandle.start(request.command(), () -> sandbox.run(request, live), open::ended));
    }

    /** The request {@link #run(List)} would send: the builder's defaults around {@code command}. */
    public RunRequest request(List<String> command) {
        return options.request(command);
    }

    /**
     * Starts a session with the builder's defaults (image, workspace, policy, limits, environment, network), owned by
     * this process: {@link IronboxSession#close()} or this Ironbox's {@link #close()} stops it.
     *
     * @return the started session, which the caller closes
     * @throws InterruptedException when interrupted while the session starts; its container is removed first
     */
    public IronboxSession session() throws InterruptedException {
        return session(request -> {});
    }

    /**
     * As {@link #session()}, after {@code changes} adjusted the request, for example
     * {@code ironbox.session(s -> s.idleTtl(Duration.ofMinutes(5)).putEnv("K", "V"))}. The limits bound the whole
     * session (memory, CPU, pids); each command's timeout and output budget come from {@link #request(List)}'s limits
     * unless its {@link IronboxSession#request(List)} is changed.
     *
     * @throws InvalidConfigurationException for a bad request (e.g. {@code detached(true)}: the handle owns it)
     * @throws InterruptedException when interrupted while the session starts; its container is removed first
     */
    public IronboxSession session(Consumer<SessionRequest.Builder> changes) throws InterruptedException {
        SessionRequest.Builder builder = options.sessionRequest();
        IronboxOptions.required(changes, "session changes").accept(builder);
        SessionRequest request = builder.build();
        if (request.detached()) {
            throw new InvalidConfigurationException("a session from the Java API is owned by its handle: "
                    + "detached(true) is for the command line");
        }
        open.refuseIfClosed();
        SessionInfo info = sandbox.startSession(request);
        return open.track(new IronboxSession(sandbox, info, options.limits(), open::closed));
    }

    /** Every session on this runtime (also other processes' and the command line's), oldest first. */
    public List<SessionInfo> sessions() {
        return sandbox.sessions();
    }

    /** Every local image of this runtime. */
    public List<ImageSummary> images() {
        return sandbox.images();
    }

    /**
     * Imports a root filesystem (a directory, or a tar archive, optionally gzipped) as image {@code tag}, telling
     * {@code progress} the bytes sent.
     *
     * @return the image reference as stored ({@code :latest} added when {@code tag} has none)
     * @throws InvalidConfigurationException for a tag that is not an image reference, or a rootfs that is neither
     */
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        return sandbox.buildImage(IronboxOptions.required(rootfs, "rootfs"), IronboxOptions.required(tag, "tag"),
                IronboxOptions.required(progress, "progress"));
    }

    /**
     * Builds a tiny image that mounts the host's {@code /usr}, {@code /bin}, {@code /lib*} and CA certificates
     * read-only at run time: the host's toolchain, offline. Use it with {@link IronboxBuilder#image}.
     *
     * @return the image reference as stored
     */
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        return sandbox.buildHostToolsImage(IronboxOptions.required(tag, "tag"),
                IronboxOptions.required(progress, "progress"));
    }

    /** Every container Ironbox created on this runtime (runs and sessions, of every process), oldest first. */
    public List<SandboxSummary> sandboxes() {
        return sandbox.sandboxes();
    }

    /**
     * Removes Ironbox's containers and networks whose owning process is gone, or with {@code all} every one of them
     * (also other processes' running sandboxes). Nothing without Ironbox's label is touched.
     */
    public CleanupReport cleanup(boolean all) {
        return sandbox.cleanup(all);
    }

    /**
     * Cancels the background runs (see {@link RunHandle#cancel()}), stops the sessions, kills and removes the
     * containers still running, stops the egress proxy and releases the engine client. Afterwards every call is
     * refused. Idempotent; never throws.
     */
    @Override
    public void close() {
        try {
            open.closeAll();
        } finally {
            sandbox.close();
        }
    }
}
