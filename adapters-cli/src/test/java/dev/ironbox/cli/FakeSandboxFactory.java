package dev.ironbox.cli;

import dev.ironbox.core.settings.RunEgress;

import dev.ironbox.core.error.EngineUnavailableException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.error.UnknownSessionException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.CopyResult;
import dev.ironbox.core.model.SandboxPolicy;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** A sandbox factory with no engine: records what it was asked and answers with a scripted result. */
final class FakeSandboxFactory implements SandboxFactory {

    String openedRuntime;
    SandboxSettings openedSettings;
    /** What the command line's {@link RunEgress} was handed; null when it was not used. */
    Optional<Path> openedUpstreamCa;
    final List<RunRequest> requests = new ArrayList<>();
    final List<OutputChunk> chunksToEmit = new ArrayList<>();
    Function<RunRequest, RunResult> answer = request -> result(request).build();
    RuntimeException openFailure;
    /** What {@code check} throws: a run of those terms would be refused. */
    RuntimeException checkFailure;
    final List<RunRequest> checked = new ArrayList<>();
    boolean closed;

    /** Sessions by id; each lives on its {@link SessionInfo#runtime()}. */
    final Map<String, SessionInfo> sessions = new LinkedHashMap<>();
    /** Runtimes whose engine does not answer. */
    final Set<String> unreachable = new HashSet<>();
    final List<SessionRequest> sessionRequests = new ArrayList<>();
    final List<SessionExecRequest> execRequests = new ArrayList<>();
    final List<String> stopped = new ArrayList<>();
    /** {@code in SESSION HOST_SOURCE SESSION_DIR MAX} or {@code out SESSION SESSION_PATH HOST_DEST MAX}. */
    final List<String> copies = new ArrayList<>();
    Function<SessionExecRequest, RunResult> execAnswer = request -> RunResult.builder().exitCode(0).stdout("")
            .stderr("").duration(Duration.ofMillis(7)).timedOut(false).oomKilled(false).stdoutBytesDropped(0)
            .stderrBytesDropped(0).runtime("docker").image("img").policy(SandboxPolicy.READ_ONLY).build();
    RuntimeException copyFailure;

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        if (openFailure != null) {
            throw openFailure;
        }
        if (unreachable.contains(runtimeId)) {
            throw new EngineUnavailableException(runtimeId + " does not answer");
        }
        if (!knownRuntimes().contains(runtimeId)) {
            throw new InvalidConfigurationException("unknown runtime '" + runtimeId + "'; known runtimes: auto, docker, fake");
        }
        openedRuntime = runtimeId;
        openedSettings = settings;
        return new RunOnlySandbox() {
            @Override
            public void check(RunRequest request) {
                checked.add(request);
                if (checkFailure != null) {
                    throw checkFailure;
                }
            }

            @Override
            public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                requests.add(request);
                chunksToEmit.forEach(live);
                return answer.apply(request);
            }


            @Override
            public String runtimeId() {
                return runtimeId;
            }

            @Override
            public SessionInfo startSession(SessionRequest request) {
                sessionRequests.add(request);
                String id = "s" + (sessions.size() + 1);
                SessionInfo info = new SessionInfo(id, runtimeId, new ContainerId("c-" + id), request.image(),
                        request.policy(), Instant.parse("2030-01-01T00:00:00Z"), request.idleTtl(), true,
                        request.detached());
                sessions.put(id, info);
                return info;
            }

            @Override
            public SessionInfo session(String sessionId) {
                SessionInfo info = sessions.get(sessionId);
                if (info == null || !info.runtime().equals(runtimeId)) {
                    throw new UnknownSessionException("no session '" + sessionId + "' on " + runtimeId);
                }
                return info;
            }

            @Override
            public List<SessionInfo> sessions() {
                return sessions.values().stream().filter(s -> s.runtime().equals(runtimeId)).toList();
            }

            @Override
            public RunResult execInSession(SessionExecRequest request, Consumer<OutputChunk> live) {
                session(request.sessionId());
                execRequests.add(request);
                chunksToEmit.forEach(live);
                return execAnswer.apply(request);
            }

            @Override
            public void stopSession(String sessionId) {
                session(sessionId);
                sessions.remove(sessionId);
                stopped.add(sessionId);
            }

            @Override
            public CopyResult copyIn(String sessionId, Path hostSource, String sessionDirectory, long maxBytes) {
                session(sessionId);
                if (copyFailure != null) {
                    throw copyFailure;
                }
                copies.add("in " + sessionId + " " + hostSource + " " + sessionDirectory + " " + maxBytes);
                return new CopyResult(2, 1, 1234);
            }

            @Override
            public CopyResult copyOut(String sessionId, String sessionPath, Path hostDestination, long maxBytes) {
                session(sessionId);
                if (copyFailure != null) {
                    throw copyFailure;
                }
                copies.add("out " + sessionId + " " + sessionPath + " " + hostDestination + " " + maxBytes);
                return new CopyResult(1, 0, 1);
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public List<String> knownRuntimes() {
        return List.of("auto", "docker", "fake");
    }

    void emit(StreamType stream, String text) {
        chunksToEmit.add(new OutputChunk(stream, text.getBytes(StandardCharsets.UTF_8)));
    }

    static RunResult.Builder result(RunRequest request) {
        return RunResult.builder()
                .exitCode(0)
                .stdout("")
                .stderr("")
                .duration(Duration.ofMillis(42))
                .timedOut(false)
                .oomKilled(false)
                .stdoutBytesDropped(0)
                .stderrBytesDropped(0)
                .runtime("docker")
                .image(request.image())
                .policy(request.policy());
    }
}
