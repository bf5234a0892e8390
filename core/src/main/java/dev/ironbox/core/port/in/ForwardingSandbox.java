package dev.ironbox.core.port.in;

import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A sandbox that passes every call to another: the base of a decorator that changes a few of them (one that also
 * closes what it owns, one that checks each run). Written once, so a method added to {@link Sandbox} is forwarded by
 * every decorator.
 */
public abstract class ForwardingSandbox implements Sandbox {

    private final Sandbox delegate;

    protected ForwardingSandbox(Sandbox delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The sandbox every call goes to. */
    protected final Sandbox delegate() {
        return delegate;
    }

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return delegate.run(request, live);
    }

    @Override
    public void check(RunRequest request) throws InterruptedException {
        delegate.check(request);
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        return delegate.startSession(request);
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live)
            throws InterruptedException {
        return delegate.execInSession(request, live);
    }

    @Override
    public void stopSession(String sessionId) {
        delegate.stopSession(sessionId);
    }

    @Override
    public SessionInfo session(String sessionId) {
        return delegate.session(sessionId);
    }

    @Override
    public List<SessionInfo> sessions() {
        return delegate.sessions();
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException {
        return delegate.copyIn(sessionId, hostSource, sessionDirectory, maxBytes);
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        return delegate.copyOut(sessionId, sessionPath, hostDestination, maxBytes);
    }

    @Override
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        return delegate.buildImage(rootfs, tag, progress);
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        return delegate.buildHostToolsImage(tag, progress);
    }

    @Override
    public List<ImageSummary> images() {
        return delegate.images();
    }

    @Override
    public List<SandboxSummary> sandboxes() {
        return delegate.sandboxes();
    }

    @Override
    public CleanupReport cleanup(boolean all) {
        return delegate.cleanup(all);
    }

    @Override
    public String runtimeId() {
        return delegate.runtimeId();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
