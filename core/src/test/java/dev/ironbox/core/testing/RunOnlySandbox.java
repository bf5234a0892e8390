package dev.ironbox.core.testing;

import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A test sandbox that only runs commands: every session, copy, image and inventory call fails. Driving adapters' tests
 * (the CLI, the app) subclass it for the few calls they need.
 */
public abstract class RunOnlySandbox implements Sandbox {

    @Override
    public SessionInfo startSession(SessionRequest request) {
        throw new UnsupportedOperationException("sessions");
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live) {
        throw new UnsupportedOperationException("sessions");
    }

    @Override
    public void stopSession(String sessionId) {
        throw new UnsupportedOperationException("sessions");
    }

    @Override
    public SessionInfo session(String sessionId) {
        throw new UnsupportedOperationException("sessions");
    }

    @Override
    public List<SessionInfo> sessions() {
        throw new UnsupportedOperationException("sessions");
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes) {
        throw new UnsupportedOperationException("copy");
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes) {
        throw new UnsupportedOperationException("copy");
    }

    @Override
    public String buildImage(Path rootfs, String tag, TransferProgress progress) {
        throw new UnsupportedOperationException("images");
    }

    @Override
    public String buildHostToolsImage(String tag, TransferProgress progress) {
        throw new UnsupportedOperationException("images");
    }

    @Override
    public List<ImageSummary> images() {
        throw new UnsupportedOperationException("images");
    }

    @Override
    public List<SandboxSummary> sandboxes() {
        throw new UnsupportedOperationException("inventory");
    }

    @Override
    public CleanupReport cleanup(boolean all) {
        throw new UnsupportedOperationException("inventory");
    }
}
