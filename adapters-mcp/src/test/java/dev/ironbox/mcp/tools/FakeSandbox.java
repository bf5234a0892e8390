package dev.ironbox.mcp.tools;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;

/** A sandbox with no engine: records what the tools asked, answers as scripted. */
final class FakeSandbox implements Sandbox {

    final List<RunRequest> runs = new CopyOnWriteArrayList<>();
    final List<SessionExecRequest> execs = new CopyOnWriteArrayList<>();
    final List<OutputChunk> chunks = new ArrayList<>();
    Function<String, RunResult> answer = command -> result(0, "out\n", "").build();
    RuntimeException failure;

    /** When set, a run blocks until interrupted (then, as core does, "removes" its container and gives up). */
    boolean block;
    final CountDownLatch started = new CountDownLatch(1);
    /** The last run's output consumer: a test may feed it late, as core's output follower can after a cancel. */
    volatile Consumer<OutputChunk> live;

    /** What a run does with its output consumer, when set (instead of sending {@link #chunks}). */
    interface Script {
        void run(Consumer<OutputChunk> live) throws InterruptedException;
    }

    volatile Script script;
    volatile boolean removedOnInterrupt;
    /** When set, a session start or stop is cancelled while it runs (its thread interrupted) and finishes anyway. */
    volatile boolean cancelledDuring;
    /** When set, a session start fails with it (once). */
    volatile RuntimeException startFailure;
    /** When set, a copy fails as core's tar copies do: naming the host file it was given. */
    volatile boolean copyFails;

    final Map<String, SessionInfo> sessions = new LinkedHashMap<>();
    final Set<String> failingStops = new HashSet<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final Set<String> dead = new HashSet<>();
    private int nextSession = 1;

    /** {@code in SESSION NAME DIR MAX} or {@code out SESSION PATH MAX}. */
    final List<String> copies = new CopyOnWriteArrayList<>();
    final List<Path> stagingDirectories = new CopyOnWriteArrayList<>();
    final List<String> stagingPermissions = new CopyOnWriteArrayList<>();
    byte[] copiedIn;
    /** What copyOut finds in the session: file content by path; a path in {@link #directories} is a directory. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Set<String> directories = new HashSet<>();

    static RunResult.Builder result(int exit, String stdout, String stderr) {
        return RunResult.builder().exitCode(exit).stdout(stdout).stderr(stderr).duration(Duration.ofMillis(120))
                .timedOut(false).oomKilled(false).stdoutBytesDropped(0).stderrBytesDropped(0).runtime("docker")
                .image("alpine:3.19").policy(SandboxPolicy.READ_ONLY);
    }

    @Override
    public String runtimeId() {
        return "docker";
    }

    @Override
    public void close() {}

    @Override
    public RunResult run(RunRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        runs.add(request);
        return answer(String.join(" ", request.command()), live);
    }

    @Override
    public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live)
            throws InterruptedException {
        execs.add(request);
        session(request.sessionId());
        if (dead.contains(request.sessionId())) {
            throw new ContainerFailureException("session " + request.sessionId() + " has stopped (idle past its TTL)");
        }
        return answer(String.join(" ", request.command()), live);
    }

    private RunResult answer(String command, Consumer<OutputChunk> live) throws InterruptedException {
        this.live = live;
        started.countDown();
        if (failure != null) {
            throw failure;
        }
        if (block) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                removedOnInterrupt = true;
                throw e;
            }
        }
        if (script != null) {
            script.run(live);
        } else {
            chunks.forEach(live);
        }
        return answer.apply(command);
    }

    @Override
    public synchronized SessionInfo startSession(SessionRequest request) throws InterruptedException {
        if (block) {
            started.countDown();
            Thread.sleep(Long.MAX_VALUE); // until cancelled: as core, nothing of the session is left
        }
        if (startFailure != null) {
            RuntimeException failing = startFailure;
            startFailure = null;
            throw failing;
        }
        if (cancelledDuring) {
            Thread.currentThread().interrupt();
        }
        String id = "s" + nextSession++;
        SessionInfo info = new SessionInfo(id, "docker", new ContainerId("c-" + id), request.image(),
                request.policy(), Instant.parse("2026-12-05T08:00:00Z"), request.idleTtl(), true, false);
        sessions.put(id, info);
        return info;
    }

    @Override
    public synchronized void stopSession(String sessionId) {
        session(sessionId);
        if (failingStops.contains(sessionId)) {
            throw new ContainerFailureException("the engine did not answer");
        }
        if (cancelledDuring) {
            Thread.currentThread().interrupt();
        }
        sessions.remove(sessionId);
        stopped.add(sessionId);
    }

    @Override
    public synchronized SessionInfo session(String sessionId) {
        SessionInfo info = sessions.get(sessionId);
        if (info == null) {
            throw new UnknownSessionException("no session " + sessionId);
        }
        return info;
    }

    @Override
    public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes)
            throws InterruptedException {
        session(sessionId);
        staged(hostSource.getParent());
        if (block) {
            started.countDown();
            Thread.sleep(Long.MAX_VALUE); // until the call is cancelled
        }
        if (copyFails) {
            throw new ContainerFailureException("copying " + hostSource + " into " + sessionDirectory
                    + " failed (tar exit 2): tar: can't create directory: Read-only file system");
        }
        copies.add("in " + sessionId + " " + hostSource.getFileName() + " " + sessionDirectory + " " + maxBytes);
        try {
            copiedIn = Files.readAllBytes(hostSource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CopyResult(1, 0, copiedIn.length);
    }

    @Override
    public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes)
            throws InterruptedException {
        session(sessionId);
        staged(hostDestination.getParent());
        if (block) {
            started.countDown();
            Thread.sleep(Long.MAX_VALUE); // until the call is cancelled
        }
        if (copyFails) {
            throw new dev.ironbox.core.error.InvalidConfigurationException("cannot write in "
                    + hostDestination.getParent() + ": cannot copy to " + hostDestination + " (no space left)");
        }
        copies.add("out " + sessionId + " " + sessionPath + " " + maxBytes);
        try {
            if (directories.contains(sessionPath)) {
                Files.createDirectory(hostDestination);
                Files.write(hostDestination.resolve("inside"), new byte[] {1});
                return new CopyResult(1, 1, 1);
            }
            byte[] content = files.get(sessionPath);
            if (content == null) {
                throw new dev.ironbox.core.error.InvalidConfigurationException(sessionPath + " does not exist");
            }
            Files.write(hostDestination, content);
            return new CopyResult(1, 0, content.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void staged(Path directory) {
        stagingDirectories.add(directory);
        try {
            stagingPermissions.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<SessionInfo> sessions() {
        throw new UnsupportedOperationException("the tools list only their own sessions");
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
