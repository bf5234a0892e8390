package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.StreamType;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    boolean closed;

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        if (openFailure != null) {
            throw openFailure;
        }
        if (!knownRuntimes().contains(runtimeId)) {
            throw new InvalidConfigurationException("unknown runtime '" + runtimeId + "'; known runtimes: auto, docker, fake");
        }
        openedRuntime = runtimeId;
        openedSettings = settings;
        return new RunOnlySandbox() {
            @Override
            public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
                requests.add(request);
                chunksToEmit.forEach(live);
                return answer.apply(request);
            }

            @Override
            public RunResult exec(ExecRequest request, Consumer<OutputChunk> live) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String runtimeId() {
                return runtimeId;
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
