package dev.ironbox.podman;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How catatonit's exec failures and Podman 4's missing OOM flag are turned into Docker's outcomes. */
class ExitStatusTest {

    @Test
    void catatonitsExecFailuresBecomeTheShellsCodes() {
        assertThat(InitFailures.exitCodeFor("ERROR (catatonit:6): failed to exec pid1: No such file or directory\n"))
                .hasValue(127);
        assertThat(InitFailures.exitCodeFor("ERROR (catatonit:12): failed to exec pid1: Permission denied\n"))
                .hasValue(126);
        assertThat(InitFailures.exitCodeFor("failed to exec pid1: Permission denied\n")).as("the reason alone")
                .hasValue(126);
        assertThat(InitFailures.exitCodeFor("grep: x: No such file or directory\n")).isEmpty();
        assertThat(InitFailures.exitCodeFor("")).isEmpty();
        assertThat(InitFailures.exitCodeFor("working...\nfailed to exec pid1: No such file or directory\n"))
                .as("a command that ran and printed the words itself").isEmpty();
    }

    @Test
    void theStderrTailKeepsOnlyStderrAndItsEnd() {
        InitFailures.StderrTail tail = new InitFailures.StderrTail();
        tail.accept(new OutputChunk(StreamType.STDOUT, "ERROR (catatonit:6): failed to exec pid1: No such file or "
                .getBytes(StandardCharsets.UTF_8)));
        tail.accept(new OutputChunk(StreamType.STDERR, "x".repeat(20_000).getBytes(StandardCharsets.UTF_8)));
        tail.accept(new OutputChunk(StreamType.STDERR, "\nERROR (catatonit:6): failed to exec pid1: Permission denied\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(tail.text().length()).isLessThan(9000);
        assertThat(tail.text()).startsWith("x").endsWith("failed to exec pid1: Permission denied\n");
    }

    @Test
    void podman4sMissingOomFlagIsInferredFromAnUnexplainedSigkillUnderAMemoryLimit() {
        assertThat(ExitWatcher.inferOom(137, 16L << 20, false, "4.3.1")).isTrue();
        assertThat(ExitWatcher.inferOom(137, 16L << 20, true, "4.3.1")).as("killed by this runtime").isFalse();
        assertThat(ExitWatcher.inferOom(137, 0, false, "4.3.1")).as("no memory limit").isFalse();
        assertThat(ExitWatcher.inferOom(1, 16L << 20, false, "4.3.1")).as("not a SIGKILL").isFalse();
        assertThat(ExitWatcher.inferOom(137, 16L << 20, false, "5.0.0")).as("Podman 5 reports it").isFalse();
    }
}
