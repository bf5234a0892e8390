package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Honest timeouts on a real engine: a timeout counts from the command's start, so creating and starting the
 * container (slow on a loaded machine) never eat it, and a command that ended on its own is never reported as timed
 * out. Ten {@code echo hi} with a 300 ms timeout, four at a time (the load), as runs and as session execs, all end
 * with exit 0, {@code hi} and no timeout. An adapter's IT extends it and implements {@link #connect()}; it must
 * fail, never skip, without the engine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class TimeoutHonestyContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final int COMMANDS = 10;
    private static final int AT_ONCE = 4;

    @Test
    void shortRunsThatEndOnTheirOwnAreNotTimedOutFourAtATime() throws Exception {
        sandbox.run(request().build()); // the image is there before the clock matters

        List<RunResult> results = fourAtATime(() -> sandbox.run(request()
                .limits(ResourceLimits.builder().timeout(SHORT).build()).build()));

        assertAllEndedOnTheirOwn(results);
    }

    @Test
    void shortSessionExecsThatEndOnTheirOwnAreNotTimedOutFourAtATime() throws Exception {
        SessionInfo session = sandbox.startSession(SessionRequest.builder().workspace(workspace).image(IMAGE)
                .build());
        try {
            List<RunResult> results = fourAtATime(() -> sandbox.execInSession(SessionExecRequest.builder()
                    .sessionId(session.id()).command(List.of("echo", "hi"))
                    .limits(ResourceLimits.builder().timeout(SHORT).build()).build(), chunk -> {}));

            assertAllEndedOnTheirOwn(results);
        } finally {
            sandbox.stopSession(session.id());
        }
    }

    @Test
    void aCommandStillRunningAtItsShortDeadlineTimesOut() throws Exception {
        RunResult result = sandbox.run(RunRequest.builder().command(List.of("sleep", "30")).workspace(workspace)
                .image(IMAGE).limits(ResourceLimits.builder().timeout(SHORT).build()).build());

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(137);
    }

    private List<RunResult> fourAtATime(Callable<RunResult> command) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                futures.add(pool.submit(command));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertAllEndedOnTheirOwn(List<RunResult> results) {
        assertThat(results).hasSize(COMMANDS).allSatisfy(result -> {
            assertThat(result.timedOut()).as("timed out: %s", result).isFalse();
            assertThat(result.exitCode()).as("exit code: %s", result).isZero();
            assertThat(result.stdout()).isEqualTo("hi\n");
        });
    }

    private RunRequest.Builder request() {
        return RunRequest.builder().command(List.of("echo", "hi")).workspace(workspace).image(IMAGE);
    }
}
