package dev.ironbox.core.run;

import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxPolicy;
import java.time.Duration;

/** Builds a run's or an exec's result from what was captured. */
final class Results {

    private Results() {}

    static RunResult of(OutputCapture capture, int exitCode, boolean timedOut, boolean oomKilled, long startedNanos,
            String runtimeId, String image, SandboxPolicy policy) {
        OutputCapture.Captured captured = capture.finish();
        return RunResult.builder()
                .exitCode(exitCode)
                .stdout(captured.stdout())
                .stderr(captured.stderr())
                .stdoutBytesDropped(captured.stdoutDropped())
                .stderrBytesDropped(captured.stderrDropped())
                .duration(Duration.ofNanos(System.nanoTime() - startedNanos))
                .timedOut(timedOut)
                .oomKilled(oomKilled)
                .runtime(runtimeId)
                .image(image)
                .policy(policy)
                .build();
    }
}
