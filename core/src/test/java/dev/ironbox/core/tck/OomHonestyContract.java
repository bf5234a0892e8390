package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OOM kills are reported every time, not most times: 50 memory hogs (busybox {@code tail /dev/zero} keeps a
 * newline-free stream in memory past a 16 MiB limit), four at a time, are all {@code oomKilled}. Docker 20.10 may
 * report a container's exit before its OOM kill, which once lost 0.5-3.5% of them. An adapter's IT extends it and
 * implements {@link #connect()}; it must fail, never skip, without the engine.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class OomHonestyContract extends SandboxContractFixture {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    private static final int HOGS = 50;
    private static final int AT_ONCE = 4;

    @Test
    void fiftyMemoryHogsAreAllReportedOomKilled() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<RunResult> results = new ArrayList<>();
        try {
            List<Future<RunResult>> hogs = new ArrayList<>();
            for (int i = 0; i < HOGS; i++) {
                hogs.add(pool.submit(() -> sandbox.run(memoryLimited("sh", "-c", "tail /dev/zero"))));
            }
            for (Future<RunResult> hog : hogs) {
                results.add(hog.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).hasSize(HOGS).allSatisfy(result -> {
            assertThat(result.oomKilled()).as("reported as OOM-killed: %s", result).isTrue();
            assertThat(result.timedOut()).isFalse();
            assertThat(result.exitCode()).isEqualTo(137);
        });
    }

    /** A run of {@code command} under a 16 MiB memory limit. */
    protected final RunResult runMemoryLimited(String... command) throws InterruptedException {
        return sandbox.run(memoryLimited(command));
    }

    private RunRequest memoryLimited(String... command) {
        return RunRequest.builder().command(List.of(command)).workspace(workspace).image(IMAGE)
                .limits(ResourceLimits.builder().memoryBytes(16L << 20).timeout(Duration.ofSeconds(60)).build())
                .build();
    }
}
