package dev.ironbox.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.EngineCapacity;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits above what the engine's machine has, or past what still limits, refused alike on every runtime. */
class LimitSupportTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path workspace;

    private final FakeRuntime engine = new FakeRuntime();

    private SandboxService service(int cpus, long memoryBytes) {
        engine.images.add("img");
        engine.capacity = EngineCapacity.of(cpus, memoryBytes);
        return new SandboxService(engine, SandboxSettings.builder().build());
    }

    private RunRequest run(ResourceLimits.Builder limits) {
        return RunRequest.builder().command(List.of("true")).workspace(workspace).image("img").limits(limits.build())
                .build();
    }

    @Test
    void moreCpusThanTheEngineHasAreRefusedBeforeAnythingIsCreated() {
        SandboxService service = service(2, 8 * GIB);
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().cpus(1000))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("invalid limits: cpus must be at most 2, the number of CPUs the engine has; got 1000");
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().cpus(2.5))))
                .hasMessageEndingWith("got 2.5");
        assertThatThrownBy(() -> service.startSession(SessionRequest.builder().workspace(workspace).image("img")
                .limits(ResourceLimits.builder().cpus(3).build()).build()))
                .hasMessageContaining("cpus must be at most 2");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void moreMemoryThanTheMachineHasIsRefusedButTheDefaultStaysOnASmallOne() throws Exception {
        SandboxService service = service(4, 8 * GIB + 123);
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().memoryBytes(100 * GIB))))
                .hasMessage("invalid limits: memory must be at most 8g (8589934715 bytes), the memory of the engine's "
                        + "machine; got 100g");
        assertThat(engine.created).isEmpty();

        SandboxService small = service(1, GIB);
        small.run(run(ResourceLimits.builder())); // the default 2 GiB
        assertThat(engine.created).hasSize(1);
        assertThatThrownBy(() -> small.run(run(ResourceLimits.builder().memoryBytes(3 * GIB))))
                .hasMessageContaining("memory must be at most 1g");
    }

    @Test
    void absurdPidsAndTimeoutsAreRefusedWhateverTheEngine() {
        SandboxService service = service(2, 8 * GIB);
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().pidsLimit(99_999_999))))
                .hasMessageStartingWith("invalid limits: pids must be at most 32768 (the kernel's default pid_max")
                .hasMessageEndingWith("got 99999999");
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().timeout(Duration.ofHours(1000)))))
                .hasMessage("invalid limits: timeout must be at most 24h; got 1000h");
        assertThatThrownBy(() -> service.execInSession(SessionExecRequest.builder().sessionId("0123456789ab")
                .command(List.of("true")).limits(ResourceLimits.builder().timeout(Duration.ofHours(25)).build())
                .build(), chunk -> {}))
                .hasMessage("invalid limits: timeout must be at most 24h; got 25h");
        assertThat(engine.created).isEmpty();
    }

    @Test
    void theBoundsThemselvesAreAllowed() throws Exception {
        SandboxService service = service(2, 8 * GIB);
        service.run(run(ResourceLimits.builder().cpus(2).memoryBytes(8 * GIB).pidsLimit(LimitSupport.MAX_PIDS)
                .timeout(LimitSupport.MAX_TIMEOUT)));
        assertThat(engine.created).hasSize(1);
    }

    @Test
    void aRuntimeThatDoesNotReportItsCapacityGetsOnlyTheFixedBounds() throws Exception {
        engine.images.add("img");
        SandboxService service = new SandboxService(engine, SandboxSettings.builder().build());
        service.run(run(ResourceLimits.builder().cpus(64).memoryBytes(1024 * GIB)));
        assertThat(engine.created).hasSize(1);
        assertThatThrownBy(() -> service.run(run(ResourceLimits.builder().pidsLimit(LimitSupport.MAX_PIDS + 1))))
                .hasMessageContaining("pids must be at most 32768");
    }

    @Test
    void sizesAndDurationsAreWrittenAsUsersWriteThem() {
        assertThat(LimitSupport.size(512L << 20)).isEqualTo("512m");
        assertThat(LimitSupport.size(25_276_157_952L)).isEqualTo("23.5g (25276157952 bytes)");
        assertThat(LimitSupport.size(1000)).isEqualTo("1000 bytes");
        assertThat(LimitSupport.duration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(LimitSupport.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
