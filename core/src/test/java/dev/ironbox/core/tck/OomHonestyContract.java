package dev.ironbox.core.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.core.service.OwnerLabels;
import dev.ironbox.core.service.SandboxService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OOM kills are reported every time, not most times: 50 memory hogs (busybox {@code tail /dev/zero} keeps a
 * newline-free stream in memory past a 16 MiB limit), four at a time, are all {@code oomKilled}. Docker 20.10 may
 * report a container's exit before its OOM kill, which once lost 0.5-3.5% of them. An adapter's IT extends it and
 * implements {@link #connect()}; it must fail, never skip, without the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class OomHonestyContract {

    private static final String IMAGE = SandboxSettings.DEFAULT_IMAGE;
    private static final int HOGS = 50;
    private static final int AT_ONCE = 4;

    private ContainerRuntime runtime;
    private SandboxService sandbox;

    @TempDir
    Path workspace;

    /** Connects to the engine under test; called once per test class. Must fail (not skip) when there is no engine. */
    protected abstract ContainerRuntime connect();

    @BeforeAll
    void connectToEngine() {
        runtime = connect();
        sandbox = new SandboxService(runtime, SandboxSettings.builder().build());
    }

    @BeforeEach
    void openWorkspace() throws IOException {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void leavesNoContainerBehind() {
        assertThat(ownContainers()).as("containers left behind by this test").isEmpty();
    }

    @AfterAll
    void disconnect() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

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

    /** The containers this process runs now. */
    protected final List<ContainerId> ownContainers() {
        return runtime.lifecycle().listByLabel(OwnerLabels.OWNER_PID, OwnerLabels.currentPid());
    }
}
