package dev.ironbox.app;

import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
import java.nio.file.Path;
import java.util.List;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.port.out.EgressProxyPort;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A sandbox that owns its runtime and its egress proxy: {@link #close()} removes the containers and networks still in
 * use, then stops the proxy, then releases the engine client. Idempotent, never throws, safe from a shutdown hook.
 */
final class RuntimeOwningSandbox implements Sandbox {

    private final Sandbox service;
    private final EgressProxyPort proxy;
    private final ContainerRuntime runtime;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A sandbox without egress proxy. */
    RuntimeOwningSandbox(Sandbox service, ContainerRuntime runtime) {
        this(service, null, runtime);
    }

    /** @param proxy null for none */
    RuntimeOwningSandbox(Sandbox service, EgressProxyPort proxy, ContainerRuntime runtime) {
        this.service = service;
        this.proxy = proxy;
        this.runtime = runtime;
    }

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        return service.run(request, live);
    }

    @Override
    public SessionInfo startSession(SessionRequest request) throws InterruptedException {
        return service.startSession(request);
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live)
            throws InterruptedException {
        return service.execInSession(request, live);
    }

    @Override
    public void stopSession(String sessionId) {
        service.stopSession(sessionId);
    }

    @Override
    public SessionInfo session(String sessionId) {
        return service.session(sessionId);
    }

    @Override
    public List<SessionInfo> sessions() {
        return service.sessions();
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException {
        return service.copyIn(sessionId, hostSource, sessionDirectory, maxBytes);
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        return service.copyOut(sessionId, sessionPath, hostDestination, maxBytes);
    }

    @Override
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        return service.buildImage(rootfs, tag, progress);
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        return service.buildHostToolsImage(tag, progress);
    }

    @Override
    public List<ImageSummary> images() {
        return service.images();
    }

    @Override
    public List<SandboxSummary> sandboxes() {
        return service.sandboxes();
    }

    @Override
    public CleanupReport cleanup(boolean all) {
        return service.cleanup(all);
    }

    @Override
    public String runtimeId() {
        return service.runtimeId();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                service.close();
            } finally {
                try {
                    if (proxy != null) {
                        proxy.close();
                    }
                } finally {
                    runtime.close();
                }
            }
        }
    }
}
