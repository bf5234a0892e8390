package dev.ironbox.app;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.port.in.FileCopyUseCase;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A session: one long-lived hardened container that runs many commands in the same place (files written by one
 * command are there for the next), from {@link Ironbox#session()}. Thread-safe; commands may run concurrently.
 *
 * <p>{@link #close()} stops the session and removes its container (and its network); it is idempotent. A session
 * left open is stopped by {@link Ironbox#close()}, by the engine-side idle TTL
 * ({@link dev.ironbox.core.model.SessionRequest#idleTtl()}, default 30 minutes) after which
 * {@link UnknownSessionException} is thrown, or at its hard deadline ({@link SessionInfo#expires()}, from
 * {@link dev.ironbox.core.model.SessionRequest#maxLifetime()}, default a day): a timer of this handle closes it then,
 * and any other Ironbox process that meets it later removes it too.
 */
public final class IronboxSession implements AutoCloseable {

    /** One daemon thread for the deadlines of every session of this JVM; a closed session's timer is dropped. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Sandbox sandbox;
    private final SessionInfo info;
    private final ResourceLimits execLimits;
    private final Consumer<IronboxSession> onClose;
    private final ScheduledFuture<?> deadline;
    private volatile boolean closed;
    private volatile boolean expired;

    IronboxSession(Sandbox sandbox, SessionInfo info, ResourceLimits execLimits, Consumer<IronboxSession> onClose) {
        this.sandbox = sandbox;
        this.info = info;
        this.execLimits = execLimits;
        this.onClose = onClose;
        long delay = Math.max(0, Duration.between(Instant.now(), info.expires()).toMillis());
        this.deadline = DEADLINES.schedule(this::expire, delay, TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ironbox-session-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** At the hard deadline: stop the session, whatever runs in it; later calls fail saying why. */
    private void expire() {
        expired = true;
        try {
            close();
        } catch (RuntimeException e) {
            // the engine failed: Ironbox#close tries again, and any Ironbox process that meets it removes it
        }
    }

    /** The session id ({@code ironbox session exec ID} can use it too, while this process runs). */
    public String id() {
        return info.id();
    }

    /** The session as it was started: runtime, container, image, policy, creation time, idle TTL. */
    public SessionInfo info() {
        return info;
    }

    /**
     * Runs {@code command} (argv, no shell) in the session, with the builder's timeout and output budget.
     *
     * @param command the program and its arguments; the first must not be blank
     * @return the result; a timeout or non-zero exit is a result, not an exception
     * @throws InterruptedException when interrupted; the command's processes are killed first
     */
    public RunResult exec(String... command) throws InterruptedException {
        return exec(List.of(command), chunk -> {});
    }

    /**
     * As {@link #exec(String...)}, delivering output to {@code live} as it arrives (on another thread).
     *
     * @param command the program and its arguments; the first must not be blank
     * @param live called with each chunk of output as it arrives
     * @return the result; a timeout or non-zero exit is a result, not an exception
     * @throws InterruptedException when interrupted; the command's processes are killed first
     */
    public RunResult exec(List<String> command, Consumer<OutputChunk> live) throws InterruptedException {
        return exec(request(command), live);
    }

    /**
     * Runs a request built by hand, e.g. {@code session.request(cmd).withLimits(...)} for another timeout. At its
     * timeout the command and every process it started are killed; the session lives on (it is stopped when the kill
     * cannot be confirmed).
     *
     * @throws InvalidConfigurationException when the request names another session
     * @throws UnknownSessionException when the session is closed or gone (its TTL passed)
     * @throws ContainerFailureException when the session's container has stopped, or it passed its hard deadline
     * @throws InterruptedException when interrupted; the command's processes are killed first
     */
    public RunResult exec(SessionExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        IronboxOptions.required(request, "request");
        IronboxOptions.required(live, "live output consumer");
        if (!request.sessionId().equals(id())) {
            throw new InvalidConfigurationException("request for session " + request.sessionId()
                    + " given to session " + id());
        }
        refuseIfClosed();
        return sandbox.execInSession(request, live);
    }

    /** The request {@link #exec(List, Consumer)} sends: this session, the builder's limits, no extra variables. */
    public SessionExecRequest request(List<String> command) {
        return SessionExecRequest.builder().sessionId(id()).command(IronboxOptions.required(command, "command"))
                .limits(execLimits).build();
    }

    /**
     * Copies {@code hostSource} (a file or a directory) into directory {@code sessionDirectory} (absolute; created
     * when absent), keeping its name, up to {@link FileCopyUseCase#DEFAULT_MAX_BYTES}.
     *
     * @throws InvalidConfigurationException when the source is missing, too large or holds a link that escapes it
     * @return how many files, directories and bytes were copied
     * @throws InterruptedException when this thread is interrupted; the copy stops
     */
    public CopyResult copyIn(Path hostSource, String sessionDirectory) throws InterruptedException {
        return copyIn(hostSource, sessionDirectory, FileCopyUseCase.DEFAULT_MAX_BYTES);
    }

    /**
     * As {@link #copyIn(Path, String)}, failing when the content is larger than {@code maxBytes}.
     *
     * @param maxBytes the largest content to copy, in bytes (positive)
     * @return how many files, directories and bytes were copied
     * @throws InterruptedException when this thread is interrupted; the copy stops
     */
    public CopyResult copyIn(Path hostSource, String sessionDirectory, long maxBytes) throws InterruptedException {
        refuseIfClosed();
        return sandbox.copyIn(id(), IronboxOptions.required(hostSource, "host source"),
                IronboxOptions.required(sessionDirectory, "session directory"), positive(maxBytes));
    }

    /**
     * Copies {@code sessionPath} (absolute, a file or a directory) to the host: inside {@code hostDestination} when it
     * is an existing directory, else at {@code hostDestination}; nothing existing is overwritten. Up to
     * {@link FileCopyUseCase#DEFAULT_MAX_BYTES}.
     *
     * @throws InvalidConfigurationException when the path is missing, an entry escapes, the destination exists, or the
     *     content is too large
     * @return how many files, directories and bytes were copied
     * @throws InterruptedException when this thread is interrupted; the copy stops
     */
    public CopyResult copyOut(String sessionPath, Path hostDestination) throws InterruptedException {
        return copyOut(sessionPath, hostDestination, FileCopyUseCase.DEFAULT_MAX_BYTES);
    }

    /**
     * As {@link #copyOut(String, Path)}, failing when the content is larger than {@code maxBytes}.
     *
     * @param maxBytes the largest content to copy, in bytes (positive)
     * @return how many files, directories and bytes were copied
     * @throws InterruptedException when this thread is interrupted; the copy stops
     */
    public CopyResult copyOut(String sessionPath, Path hostDestination, long maxBytes) throws InterruptedException {
        refuseIfClosed();
        return sandbox.copyOut(id(), IronboxOptions.required(sessionPath, "session path"),
                IronboxOptions.required(hostDestination, "host destination"), positive(maxBytes));
    }

    /** Whether {@link #close()} has stopped this session. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the session and removes its container. Idempotent; a session already gone (its TTL passed) is fine.
     *
     * @throws dev.ironbox.core.error.IronboxException when the engine fails to remove it; {@link Ironbox#close()}
     *     tries again
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            sandbox.stopSession(id());
        } catch (UnknownSessionException alreadyGone) {
            // stopped by its TTL or by someone else: what close wanted
        }
        closed = true;
        deadline.cancel(false);
        onClose.accept(this);
    }

    private void refuseIfClosed() {
        if (expired) {
            throw new ContainerFailureException("session " + id() + " passed its maximum lifetime at "
                    + info.expires() + " and was stopped; start a new session");
        }
        if (closed) {
            throw new UnknownSessionException("session " + id() + " was closed");
        }
    }

    private static long positive(long maxBytes) {
        if (maxBytes <= 0) {
            throw new InvalidConfigurationException("the copy limit must be positive, got " + maxBytes + " bytes");
        }
        return maxBytes;
    }

    @Override
    public String toString() {
        return "IronboxSession[" + id() + (closed ? ", closed]" : "]");
    }
}
